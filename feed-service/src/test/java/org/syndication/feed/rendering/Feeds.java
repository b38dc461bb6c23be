package org.syndication.feed.rendering;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Object mother for channels and items.
 */
final class Feeds {

	static final Instant PUBLISHED = Instant.parse("2025-03-01T08:30:00Z");

	static final Instant UPDATED = Instant.parse("2025-03-02T09:45:30Z");

	private Feeds() {
	}

	static ChannelBuilder aChannel() {
		return new ChannelBuilder();
	}

	static FeedChannel channel() {
		return aChannel().build();
	}

	static ItemBuilder anItem() {
		return new ItemBuilder();
	}

	/**
	 * Items newest first, as the caller passes them.
	 */
	static List<FeedItem> items(int count, int contentChars) {
		List<FeedItem> items = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			items.add(anItem().title("Article " + i)
				.contentHtml("<p>" + "x".repeat(Math.max(0, contentChars - 7)) + "</p>")
				.published(PUBLISHED.minus(Duration.ofHours(i)))
				.build());
		}
		return items;
	}

	static final class ChannelBuilder {

		private String title = "Politics";

		private String description = "The latest politics articles";

		private String language = "en";

		private Instant updated = UPDATED;

		private Duration ttl = Duration.ofMinutes(15);

		private String generator = "syndication feed-service 0.1.0";

		private String hub;

		private FeedHistory history;

		ChannelBuilder title(String title) {
			this.title = title;
			return this;
		}

		ChannelBuilder description(String description) {
			this.description = description;
			return this;
		}

		ChannelBuilder language(String language) {
			this.language = language;
			return this;
		}

		ChannelBuilder updated(Instant updated) {
			this.updated = updated;
			return this;
		}

		ChannelBuilder ttl(Duration ttl) {
			this.ttl = ttl;
			return this;
		}

		ChannelBuilder generator(String generator) {
			this.generator = generator;
			return this;
		}

		ChannelBuilder hub(String hub) {
			this.hub = hub;
			return this;
		}

		ChannelBuilder history(FeedHistory history) {
			this.history = history;
			return this;
		}

		FeedChannel build() {
			return new FeedChannel("urn:uuid:0b7e3c4a-5f1d-4a63-9d1e-6f2f6f0a1c01", this.title, this.description,
					"https://news.example.org/feeds/categories/politics/", "https://news.example.org/politics",
					this.language, this.updated, this.ttl, this.generator, this.hub, this.history);
		}

	}

	static final class ItemBuilder {

		private UUID id = UUID.randomUUID();

		private String title = "Parliament passes the budget";

		private String summary = "A short summary.";

		private String contentHtml = "<p>The full article.</p>";

		private List<String> authors = List.of("Ada Lovelace");

		private List<String> categories = List.of("Politics");

		private String language = "en";

		private Instant published = PUBLISHED;

		private Instant updated;

		private FeedImage image;

		ItemBuilder id(UUID id) {
			this.id = id;
			return this;
		}

		ItemBuilder title(String title) {
			this.title = title;
			return this;
		}

		ItemBuilder summary(String summary) {
			this.summary = summary;
			return this;
		}

		ItemBuilder contentHtml(String contentHtml) {
			this.contentHtml = contentHtml;
			return this;
		}

		ItemBuilder authors(String... authors) {
			this.authors = List.of(authors);
			return this;
		}

		ItemBuilder categories(List<String> categories) {
			this.categories = categories;
			return this;
		}

		ItemBuilder language(String language) {
			this.language = language;
			return this;
		}

		ItemBuilder published(Instant published) {
			this.published = published;
			return this;
		}

		ItemBuilder updated(Instant updated) {
			this.updated = updated;
			return this;
		}

		ItemBuilder image(FeedImage image) {
			this.image = image;
			return this;
		}

		FeedItem build() {
			return new FeedItem(this.id, this.title, this.summary, this.contentHtml,
					"https://news.example.org/articles/" + this.id, this.authors, this.categories, this.language,
					this.published, (this.updated != null) ? this.updated : this.published, this.image);
		}

	}

}
