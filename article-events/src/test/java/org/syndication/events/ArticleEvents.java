package org.syndication.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Object mother for {@link ArticleEvent}, shared with the services' tests through this
 * module's test-jar. Start from {@link #article()} (a new article each time),
 * {@link #justPublished()} (the same, published now) or {@link #sample()} (the one
 * article of the golden files), change what the test cares about, and end with the event
 * type: {@code ArticleEvents.article().title("Budget").published()}.
 */
public final class ArticleEvents {

	/** The id of the {@link #sample()} article. */
	public static final UUID ARTICLE_ID = UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");

	/** When the {@link #sample()} article was published. */
	public static final Instant PUBLISHED_AT = Instant.parse("2026-11-23T10:15:30Z");

	private ArticleEvents() {
	}

	/**
	 * A new article with its own id, published at a fixed time.
	 * @return a builder
	 */
	public static Builder article() {
		UUID id = UUID.randomUUID();
		return new Builder(id).url("https://news.example/articles/" + id);
	}

	/**
	 * A new article with its own id, published now (to the millisecond, as the publisher
	 * writes it), for services that only act on recent news.
	 * @return a builder
	 */
	public static Builder justPublished() {
		return article().publishedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
	}

	/**
	 * The article of the golden files: fixed ids, times and a realistic body.
	 * @return a builder
	 */
	public static Builder sample() {
		return new Builder(ARTICLE_ID).eventId(UUID.fromString("3f1c2a9e-8b7d-4e6f-a5c4-1b2d3e4f5a6b"))
			.title("Kafka for syndication")
			.summary("Why partners get pushed events instead of polling us.")
			.contentHtml("<p>Events, <strong>not</strong> polling.</p>")
			.url("https://news.example.com/articles/kafka-for-syndication")
			.authors("Ada Lovelace", "Grace Hopper")
			.categories("engineering", "syndication")
			.publishedAt(PUBLISHED_AT);
	}

	public static final class Builder {

		private final UUID id;

		private UUID eventId;

		private long version = 1;

		private String title = "Council approves new bike lanes";

		private String summary = "Twelve kilometres of protected lanes.";

		private String contentHtml = "<p>The council voted <strong>31 to 9</strong>.</p>";

		private String url;

		private List<String> authors = List.of("Ada Lovelace");

		private List<String> categories = List.of("Politics", "transport");

		private String language = "en";

		private Instant publishedAt = Instant.parse("2026-11-20T08:00:00Z");

		private Instant updatedAt;

		private Instant occurredAt;

		private boolean breaking;

		private ArticleImage image;

		private Builder(UUID id) {
			this.id = id;
		}

		public UUID id() {
			return this.id;
		}

		/**
		 * Gives every event built from here on this id; without it each event gets a new
		 * one.
		 * @param eventId the event id
		 * @return this builder
		 */
		public Builder eventId(UUID eventId) {
			this.eventId = eventId;
			return this;
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

		public Builder url(String url) {
			this.url = url;
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

		public Builder language(String language) {
			this.language = language;
			return this;
		}

		/**
		 * When the article was published; {@code updatedAt} and the event's
		 * {@code occurredAt} follow unless set.
		 * @param publishedAt when it was published
		 * @return this builder
		 */
		public Builder publishedAt(Instant publishedAt) {
			this.publishedAt = publishedAt;
			return this;
		}

		/**
		 * When the article last changed; the event's {@code occurredAt} follows unless
		 * set.
		 * @param updatedAt when it last changed
		 * @return this builder
		 */
		public Builder updatedAt(Instant updatedAt) {
			this.updatedAt = updatedAt;
			return this;
		}

		/**
		 * When the event happened, apart from the article's own times.
		 * @param occurredAt when the event happened
		 * @return this builder
		 */
		public Builder occurredAt(Instant occurredAt) {
			this.occurredAt = occurredAt;
			return this;
		}

		/**
		 * Marks the article as breaking news, or not (the default).
		 * @param breaking whether the article is breaking
		 * @return this builder
		 */
		public Builder breaking(boolean breaking) {
			this.breaking = breaking;
			return this;
		}

		/**
		 * Gives the article an image with the given address and alt text and no known
		 * size.
		 * @param url the image address
		 * @param alt the alt text
		 * @return this builder
		 */
		public Builder image(String url, String alt) {
			return image(new ArticleImage(url, alt, null, null));
		}

		/**
		 * Gives the article an image, or none (the default) when {@code null}.
		 * @param image the image
		 * @return this builder
		 */
		public Builder image(ArticleImage image) {
			this.image = image;
			return this;
		}

		public Builder inJapanese() {
			return title("東京で新しい図書館が開館").summary("市民のための新しい場所。")
				.contentHtml("<p>図書館は<em>毎日</em>開いています。</p>")
				.authors("山田 太郎")
				.categories("文化")
				.language("ja")
				.url("https://news.example.com/ja/articles/new-library");
		}

		public ArticleSnapshot snapshot() {
			Instant updated = (this.updatedAt != null) ? this.updatedAt : this.publishedAt;
			return new ArticleSnapshot(this.id, this.version, this.title, this.summary, this.contentHtml, this.url,
					this.authors, this.categories, this.language, this.publishedAt, updated, this.breaking, this.image);
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

		public ArticleEvent event(ArticleEventType type) {
			ArticleSnapshot snapshot = snapshot();
			return new ArticleEvent((this.eventId != null) ? this.eventId : UUID.randomUUID(), type,
					(this.occurredAt != null) ? this.occurredAt : snapshot.updatedAt(), snapshot);
		}

	}

}
