package org.syndication.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Object mother for {@link ArticleEvent}: one realistic article, published, updated and
 * retracted, with a builder to change the parts a test cares about.
 */
final class ArticleEvents {

	static final UUID ARTICLE_ID = UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");

	static final Instant PUBLISHED_AT = Instant.parse("2026-11-23T10:15:30Z");

	private ArticleEvents() {
	}

	static Builder published() {
		return new Builder(ArticleEventType.PUBLISHED, 1, PUBLISHED_AT);
	}

	static Builder updated() {
		return new Builder(ArticleEventType.UPDATED, 2, Instant.parse("2026-11-24T08:00:00.123Z"));
	}

	static Builder retracted() {
		return new Builder(ArticleEventType.RETRACTED, 3, Instant.parse("2026-11-25T17:45:00Z"));
	}

	static final class Builder {

		private UUID eventId = UUID.fromString("3f1c2a9e-8b7d-4e6f-a5c4-1b2d3e4f5a6b");

		private final ArticleEventType type;

		private Instant occurredAt;

		private UUID id = ARTICLE_ID;

		private long version;

		private String title = "Kafka for syndication";

		private String summary = "Why partners get pushed events instead of polling us.";

		private String contentHtml = "<p>Events, <strong>not</strong> polling.</p>";

		private String url = "https://news.example.com/articles/kafka-for-syndication";

		private List<String> authors = List.of("Ada Lovelace", "Grace Hopper");

		private List<String> categories = List.of("engineering", "syndication");

		private String language = "en";

		private Instant publishedAt = PUBLISHED_AT;

		private Instant updatedAt;

		private Builder(ArticleEventType type, long version, Instant occurredAt) {
			this.type = type;
			this.version = version;
			this.occurredAt = occurredAt;
			this.updatedAt = occurredAt;
		}

		Builder eventId(UUID eventId) {
			this.eventId = eventId;
			return this;
		}

		Builder occurredAt(Instant occurredAt) {
			this.occurredAt = occurredAt;
			this.updatedAt = occurredAt;
			return this;
		}

		Builder version(long version) {
			this.version = version;
			return this;
		}

		Builder title(String title) {
			this.title = title;
			return this;
		}

		Builder summary(String summary) {
			this.summary = summary;
			return this;
		}

		Builder contentHtml(String contentHtml) {
			this.contentHtml = contentHtml;
			return this;
		}

		Builder url(String url) {
			this.url = url;
			return this;
		}

		Builder authors(String... authors) {
			this.authors = List.of(authors);
			return this;
		}

		Builder categories(String... categories) {
			this.categories = List.of(categories);
			return this;
		}

		Builder language(String language) {
			this.language = language;
			return this;
		}

		Builder inJapanese() {
			return title("東京で新しい図書館が開館").summary("市民のための新しい場所。")
				.contentHtml("<p>図書館は<em>毎日</em>開いています。</p>")
				.authors("山田 太郎")
				.categories("文化")
				.language("ja")
				.url("https://news.example.com/ja/articles/new-library");
		}

		ArticleSnapshot article() {
			return new ArticleSnapshot(this.id, this.version, this.title, this.summary, this.contentHtml, this.url,
					this.authors, this.categories, this.language, this.publishedAt, this.updatedAt);
		}

		ArticleEvent build() {
			return new ArticleEvent(this.eventId, this.type, this.occurredAt, article());
		}

	}

}
