package org.syndication.feed;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventType;
import org.syndication.events.ArticleSnapshot;

/**
 * Events as the publisher writes them, built from the contract's records.
 */
public final class ArticleEvents {

	private ArticleEvents() {
	}

	public static Builder article() {
		return new Builder(UUID.randomUUID());
	}

	public static final class Builder {

		private final UUID id;

		private long version = 1;

		private String title = "Council approves new bike lanes";

		private String summary = "Twelve kilometres of protected lanes.";

		private String contentHtml = "<p>The council voted <strong>31 to 9</strong>.</p>";

		private List<String> authors = List.of("Ada Lovelace");

		private List<String> categories = List.of("Politics", "transport");

		private String language = "en";

		private Instant publishedAt = Instant.parse("2026-11-20T08:00:00Z");

		private Instant updatedAt = Instant.parse("2026-11-20T08:00:00Z");

		private Builder(UUID id) {
			this.id = id;
		}

		public UUID id() {
			return this.id;
		}

		public Builder version(long version) {
			this.version = version;
			return this;
		}

		public Builder title(String title) {
			this.title = title;
			return this;
		}

		public Builder summary(String summary) {
			this.summary = summary;
			return this;
		}

		public Builder contentHtml(String contentHtml) {
			this.contentHtml = contentHtml;
			return this;
		}

		public Builder authors(String... authors) {
			this.authors = List.of(authors);
			return this;
		}

		public Builder categories(String... categories) {
			this.categories = List.of(categories);
			return this;
		}

		public Builder publishedAt(Instant publishedAt) {
			this.publishedAt = publishedAt;
			this.updatedAt = publishedAt;
			return this;
		}

		public Builder updatedAt(Instant updatedAt) {
			this.updatedAt = updatedAt;
			return this;
		}

		public ArticleEvent published() {
			return event(ArticleEventType.PUBLISHED);
		}

		public ArticleEvent updated() {
			return event(ArticleEventType.UPDATED);
		}

		public ArticleEvent retracted() {
			return event(ArticleEventType.RETRACTED);
		}

		private ArticleEvent event(ArticleEventType type) {
			return new ArticleEvent(UUID.randomUUID(), type, this.updatedAt,
					new ArticleSnapshot(this.id, this.version, this.title, this.summary, this.contentHtml,
							"https://news.example/articles/" + this.id, this.authors, this.categories, this.language,
							this.publishedAt, this.updatedAt));
		}

	}

}
