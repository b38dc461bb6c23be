package org.syndication.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The full state of an article at one version: every event carries one, so no consumer
 * ever has to call the publisher back.
 *
 * @param id the article id, also the Kafka record key
 * @param version grows by one on every change of the article
 * @param title plain text
 * @param summary plain text, or {@code null}
 * @param contentHtml sanitized HTML, or {@code null}
 * @param url the canonical address of the article
 * @param authors author names, possibly empty
 * @param categories category names, possibly empty
 * @param language a BCP 47 language tag
 * @param publishedAt when the article went (or goes) live
 * @param updatedAt when this version was made
 */
@JsonPropertyOrder({ "id", "version", "title", "summary", "contentHtml", "url", "authors", "categories", "language",
		"publishedAt", "updatedAt" })
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArticleSnapshot(UUID id, long version, String title, String summary, String contentHtml, String url,
		List<String> authors, List<String> categories, String language,
		@JsonFormat(shape = JsonFormat.Shape.STRING) Instant publishedAt,
		@JsonFormat(shape = JsonFormat.Shape.STRING) Instant updatedAt) {

	public ArticleSnapshot {
		authors = (authors != null) ? List.copyOf(authors) : List.of();
		categories = (categories != null) ? List.copyOf(categories) : List.of();
	}

}
