package org.syndication.feed;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the feeds.
 *
 * @param publicBaseUrl where readers reach this service; self links are built from it
 * @param title the name of the publication, the title of the main feed
 * @param description a line about the publication
 * @param items how many items a feed shows
 * @param maxSize the largest a feed may be; older items are left out to stay below it
 * @param maxAge how long readers and proxies may cache a feed ({@code Cache-Control})
 * @param ttl the refresh interval feeds advertise (RSS {@code ttl})
 * @param changePollInterval how often an instance looks for changes made by other
 * instances, so that every instance serves current feeds
 * @param archiveMaxAge how long readers and proxies may cache the archive of a month that
 * is over
 * @param observePolls whether feed polls are observed like other requests: timed in
 * {@code http.server.requests} and, with tracing on, a span each. Off: polls are the bulk
 * of all requests, and observing one costs about as much as a part of serving it
 * @param rebuild whether to read the {@code articles} topic again from its beginning when
 * the service starts, whatever position the database holds (the readers' guide,
 * "Rebuilding the feeds")
 */
@ConfigurationProperties("feed")
@Validated
public record FeedProperties(@NotBlank @DefaultValue("http://localhost:8082") String publicBaseUrl,
		@NotBlank @DefaultValue("Syndication") String title,
		@NotBlank @DefaultValue("The newest articles") String description,
		@Min(1) @Max(1000) @DefaultValue("50") int items, @NotNull @DefaultValue("1MB") DataSize maxSize,
		@NotNull @DefaultValue("60s") Duration maxAge, @NotNull @DefaultValue("15m") Duration ttl,
		@NotNull @DefaultValue("250ms") Duration changePollInterval,
		@NotNull @DefaultValue("7d") Duration archiveMaxAge, @DefaultValue("false") boolean observePolls,
		@DefaultValue("false") boolean rebuild) {

	/** The base URL without a trailing slash. */
	public String baseUrl() {
		return this.publicBaseUrl.endsWith("/") ? this.publicBaseUrl.substring(0, this.publicBaseUrl.length() - 1)
				: this.publicBaseUrl;
	}

}
