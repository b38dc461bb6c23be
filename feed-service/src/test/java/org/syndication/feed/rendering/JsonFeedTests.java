package org.syndication.feed.rendering;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syndication.feed.rendering.Feeds.aChannel;
import static org.syndication.feed.rendering.Feeds.anItem;
import static org.syndication.feed.rendering.Feeds.channel;

class JsonFeedTests {

	private static final String RFC_3339_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

	private final FeedRenderer renderer = new FeedRenderer();

	private final JsonMapper json = JsonMapper.builder().build();

	private JsonNode render(FeedChannel channel, FeedItem... items) {
		return this.json.readTree(this.renderer.render(FeedFormat.JSON_FEED, channel, List.of(items), Long.MAX_VALUE));
	}

	@Test
	void hasTheFieldsJsonFeed11Requires() {
		JsonNode feed = render(channel(), anItem().build(), anItem().contentHtml(null).build(),
				anItem().contentHtml(null).summary(null).build());

		assertThat(feed.get("version").asString()).isEqualTo("https://jsonfeed.org/version/1.1");
		assertThat(feed.get("title").isString()).isTrue();
		assertThat(feed.get("items").isArray()).isTrue();
		List<JsonNode> items = feed.get("items").values().stream().toList();
		assertThat(items).hasSize(3).allSatisfy((item) -> assertThat(item.get("id").isString()).isTrue());
		// Every item has content_html or content_text: the body, else the summary, else
		// an empty text.
		assertThat(items.get(0).propertyNames()).contains("content_html").doesNotContain("content_text");
		assertThat(items.get(1).propertyNames()).contains("content_text").doesNotContain("content_html");
		assertThat(items.get(1).get("content_text").asString()).isEqualTo(items.get(1).get("summary").asString());
		assertThat(items.get(2).propertyNames()).doesNotContain("content_html", "summary");
		assertThat(items.get(2).get("content_text").asString()).isEmpty();
	}

	@Test
	void feedLinksDescriptionAndLanguageAreTopLevel() {
		FeedChannel channel = channel();

		JsonNode feed = render(channel);

		assertThat(feed.get("home_page_url").asString()).isEqualTo(channel.alternateUrl());
		assertThat(feed.get("feed_url").asString()).isEqualTo(channel.selfUrl(FeedFormat.JSON_FEED));
		assertThat(feed.get("description").asString()).isEqualTo(channel.description());
		assertThat(feed.get("language").asString()).isEqualTo("en");
	}

	@Test
	void idUpdatedTtlAndGeneratorTravelInTheSyndicationExtension() {
		FeedChannel channel = aChannel().ttl(Duration.ofMinutes(30)).build();

		JsonNode extension = render(channel).get("_syndication");

		assertThat(extension.get("id").asString()).isEqualTo(channel.id());
		assertThat(extension.get("updated").asString()).isEqualTo("2025-03-02T09:45:30Z");
		assertThat(extension.get("ttl_minutes").asInt()).isEqualTo(30);
		assertThat(extension.get("generator").asString()).isEqualTo(channel.generator());
	}

	@Test
	void itemCarriesDatesAuthorsTagsAndLanguage() {
		FeedItem item = anItem().authors("Ada Lovelace", "Grace Hopper")
			.categories(List.of("Politics", "Budget"))
			.language("de")
			.updated(Feeds.PUBLISHED.plus(Duration.ofDays(1)))
			.build();

		JsonNode rendered = render(channel(), item).get("items").get(0);

		assertThat(rendered.get("id").asString()).isEqualTo(item.urn());
		assertThat(rendered.get("url").asString()).isEqualTo(item.url());
		assertThat(rendered.get("date_published").asString()).matches(RFC_3339_UTC).isEqualTo("2025-03-01T08:30:00Z");
		assertThat(rendered.get("date_modified").asString()).isEqualTo("2025-03-02T08:30:00Z");
		assertThat(rendered.get("authors").values()).extracting((author) -> author.get("name").asString())
			.containsExactly("Ada Lovelace", "Grace Hopper");
		assertThat(rendered.get("tags").values()).extracting(JsonNode::asString).containsExactly("Politics", "Budget");
		assertThat(rendered.get("language").asString()).isEqualTo("de");
	}

	@Test
	void missingValuesAreOmittedRatherThanNull() {
		FeedChannel channel = aChannel().language(null).description(null).ttl(null).generator(null).build();
		FeedItem item = anItem().summary(null).authors().categories(List.of()).language(null).build();

		JsonNode feed = render(channel, item);
		JsonNode rendered = feed.get("items").get(0);

		assertThat(feed.has("language")).isFalse();
		assertThat(feed.has("description")).isFalse();
		assertThat(feed.get("_syndication").propertyNames()).containsExactly("id", "updated");
		assertThat(rendered.propertyNames()).doesNotContain("summary", "authors", "tags", "language", "content_text");
	}

	@Test
	void propertiesComeInAStableOrder() {
		JsonNode feed = render(channel(), anItem().build());

		assertThat(feed.propertyNames()).containsExactly("version", "title", "home_page_url", "feed_url", "description",
				"language", "_syndication", "items");
		assertThat(feed.get("items").get(0).propertyNames()).containsExactly("id", "url", "title", "content_html",
				"summary", "date_published", "date_modified", "authors", "tags", "language");
	}

	@Test
	void itemWithoutHtmlUsesTheSummaryAsContentText() {
		JsonNode rendered = render(channel(), anItem().contentHtml(null).summary("Plain <text>").build()).get("items")
			.get(0);

		assertThat(rendered.has("content_html")).isFalse();
		assertThat(rendered.get("content_text").asString()).isEqualTo("Plain <text>");
	}

	@Test
	void hubIsListedAsWebSub() {
		JsonNode feed = render(aChannel().hub("https://news.example.org/hub").build());

		assertThat(feed.get("hubs")).hasSize(1);
		assertThat(feed.get("hubs").get(0).get("type").asString()).isEqualTo("WebSub");
		assertThat(feed.get("hubs").get(0).get("url").asString()).isEqualTo("https://news.example.org/hub");
		assertThat(render(channel()).has("hubs")).isFalse();
	}

	@Test
	void imageIsTheItemImageUrlAndAbsentWithoutOne() {
		JsonNode feed = render(channel(),
				anItem().image(new FeedImage("https://images.example.org/bridge.png", "The bridge", 1200, 800)).build(),
				anItem().build());

		JsonNode items = feed.get("items");
		assertThat(items.get(0).get("image").asString()).isEqualTo("https://images.example.org/bridge.png");
		assertThat(items.get(0).propertyNames()).endsWith("image");
		assertThat(items.get(1).has("image")).isFalse();
	}

}
