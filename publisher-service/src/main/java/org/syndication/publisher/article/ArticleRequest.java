package org.syndication.publisher.article;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What an editor sends to create or replace an article. Read-only fields of a fetched
 * article ({@code id}, {@code version}, {@code createdAt}, {@code updatedAt}) may be sent
 * back and are ignored; any other unknown field is an error.
 *
 * @param status {@code DRAFT} holds the article back; anything else (or nothing)
 * publishes it at {@code publishedAt}
 * @param breaking {@code true} marks the article as breaking news; absent is
 * {@code false}
 * @param image the image that illustrates the article; absent or {@code null} is none,
 * and a replacement without it removes the image
 */
@JsonIgnoreProperties({ "id", "version", "createdAt", "updatedAt" })
record ArticleRequest(@NotBlank @Size(max = 300) String title, @Size(max = 10_000) String summary, String contentHtml,
		@HttpUrl @Size(max = 2048) String url, @Size(max = 50) List<@NotBlank @Size(max = 200) String> authors,
		@Size(max = 50) List<@NotBlank @Size(max = 100) String> categories, @LanguageTag String language,
		@PublicationTime String publishedAt, ArticleStatus status, Boolean breaking, @Valid ImageRequest image) {

	boolean isDraft() {
		return this.status == ArticleStatus.DRAFT;
	}

	boolean isBreaking() {
		return Boolean.TRUE.equals(this.breaking);
	}

}
