package org.syndication.publisher;

import java.net.URI;
import java.time.ZoneId;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the publisher.
 *
 * @param apiToken the API key named {@code admin}, which creates the editors' named keys
 * and opens the metrics; there is no default, so a service never runs with a guessable
 * one
 * @param publicBaseUrl where readers reach this service; an article without its own url
 * links to {@code <publicBaseUrl>/articles/{id}}
 * @param timeZone the zone in which a plain date ({@code 2026-11-23}) given as
 * {@code publishedAt} is read, at 00:00
 * @param maxRequestSize the largest request body accepted
 */
@ConfigurationProperties("publisher")
@Validated
public record PublisherProperties(@NotBlank String apiToken,
		@NotNull @DefaultValue("http://localhost:8081") URI publicBaseUrl,
		@NotNull @DefaultValue("UTC") ZoneId timeZone, @NotNull @DefaultValue("1MB") DataSize maxRequestSize) {

	/**
	 * The public address of an article's page.
	 * @param articleId the article
	 * @return the page's absolute URL
	 */
	public String articlePageUrl(Object articleId) {
		String base = this.publicBaseUrl.toString();
		return (base.endsWith("/") ? base : base + "/") + "articles/" + articleId;
	}

}
