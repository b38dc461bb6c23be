package org.syndication.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

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
 * @param breaking whether the article is breaking news; written only when {@code true},
 * and an article without the field (every event written before it existed) is not
 * breaking
 * @param image the image that illustrates the article, or {@code null}; written only when
 * there is one, and an article without the field (every event written before it existed)
 * has none
 */
@JsonPropertyOrder({ "id", "version", "title", "summary", "contentHtml", "url", "authors", "categories", "language",
		"publishedAt", "updatedAt", "breaking", "image" })
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArticleSnapshot(UUID id, long version, String title, String summary, String contentHtml, String url,
		List<String> authors, List<String> categories, String language,
		@JsonFormat(shape = JsonFormat.Shape.STRING) Instant publishedAt,
		@JsonFormat(shape = JsonFormat.Shape.STRING) Instant updatedAt,
		// Events from before the field existed have none: it is written only when true,
		// and read as false when absent, even by a mapper that refuses a missing
		// primitive.
		@JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonSetter(nulls = Nulls.AS_EMPTY) boolean breaking,
		// Events from before the field existed have none, and an article without an image
		// is written without the field, not with a null.
		@JsonInclude(JsonInclude.Include.NON_NULL) ArticleImage image) {

	public ArticleSnapshot {
		authors = (authors != null) ? List.copyOf(authors) : List.of();
		categories = (categories != null) ? List.copyOf(categories) : List.of();
	}

	/**
	 * An article without an image, as every version of the contract before images could
	 * make one: code written against that version keeps compiling.
	 */
	public ArticleSnapshot(UUID id, long version, String title, String summary, String contentHtml, String url,
			List<String> authors, List<String> categories, String language, Instant publishedAt, Instant updatedAt,
			boolean breaking) {
		this(id, version, title, summary, contentHtml, url, authors, categories, language, publishedAt, updatedAt,
				breaking, null);
	}

}
