package org.syndication.notifier;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventType;
import org.syndication.events.ArticleSnapshot;

/**
 * Events as the publisher writes them, built from the contract's records, published now
 * unless said otherwise.
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

		private List<String> categories = List.of("politics");

		private String language = "en";

		private Instant publishedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

		private Instant occurredAt = this.publishedAt;

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

		public Builder language(String language) {
			this.language = language;
			return this;
		}

		public Builder categories(String... categories) {
			this.categories = List.of(categories);
			return this;
		}

		public Builder publishedAt(Instant publishedAt) {
			this.publishedAt = publishedAt;
			return this;
		}

		public Builder occurredAt(Instant occurredAt) {
			this.occurredAt = occurredAt;
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
			return new ArticleEvent(UUID.randomUUID(), type, this.occurredAt,
					new ArticleSnapshot(this.id, this.version, this.title, "A summary of " + this.title,
							"<p>The body of <em>" + this.title + "</em>.</p><script>alert(1)</script>",
							"https://news.example/articles/" + this.id, List.of("Ada Lovelace"), this.categories,
							this.language, this.publishedAt, this.occurredAt));
		}

	}

}
