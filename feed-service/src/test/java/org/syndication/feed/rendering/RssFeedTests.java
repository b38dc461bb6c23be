package org.syndication.feed.rendering;

import java.time.Duration;
import java.util.List;

import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syndication.feed.rendering.Feeds.aChannel;
import static org.syndication.feed.rendering.Feeds.anItem;
import static org.syndication.feed.rendering.Feeds.channel;

class RssFeedTests {

	private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");

	private static final Namespace CONTENT = Namespace.getNamespace("http://purl.org/rss/1.0/modules/content/");

	private static final Namespace DC = Namespace.getNamespace("http://purl.org/dc/elements/1.1/");

	private static final Namespace MEDIA = Namespace.getNamespace("http://search.yahoo.com/mrss/");

	private static final String RFC_822_GMT = "[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";

	private final FeedRenderer renderer = new FeedRenderer();

	private byte[] render(FeedChannel channel, FeedItem... items) {
		return this.renderer.render(FeedFormat.RSS, channel, List.of(items), Long.MAX_VALUE);
	}

	private Element channelElement(FeedChannel channel, FeedItem... items) {
		Element rss = XmlTrees.parse(render(channel, items)).getRootElement();
		assertThat(rss.getName()).isEqualTo("rss");
		assertThat(rss.getAttributeValue("version")).isEqualTo("2.0");
		return rss.getChild("channel");
	}

	@Test
	void parsesAsRss20WithTheRequiredChannelElements() {
		FeedChannel channel = channel();

		Channel rss = (Channel) ParsedFeed.xml(render(channel, anItem().build(), anItem().build()), "rss_2.0");

		assertThat(rss.getTitle()).isEqualTo(channel.title());
		assertThat(rss.getLink()).isEqualTo(channel.alternateUrl());
		assertThat(rss.getDescription()).isEqualTo(channel.description());
		assertThat(rss.getItems()).hasSize(2);
	}

	@Test
	void channelWithoutDescriptionStillHasOne() {
		Channel rss = (Channel) ParsedFeed.xml(render(aChannel().description(null).build()), "rss_2.0");

		assertThat(rss.getDescription()).isNotBlank();
	}

	@Test
	void everyItemHasAGuidThatIsNotAPermalink() {
		FeedItem first = anItem().build();
		FeedItem second = anItem().build();

		Channel rss = (Channel) ParsedFeed.xml(render(channel(), first, second), "rss_2.0");
		Element channel = channelElement(channel(), first, second);

		assertThat(rss.getItems()).extracting((item) -> item.getGuid().getValue())
			.containsExactly(first.urn(), second.urn());
		assertThat(rss.getItems()).extracting(Item::getGuid).allMatch((guid) -> !guid.isPermaLink());
		assertThat(channel.getChildren("item"))
			.extracting((item) -> item.getChild("guid").getAttributeValue("isPermaLink"))
			.containsExactly("false", "false");
	}

	@Test
	void selfLinkIsAnAtomLinkInTheChannel() {
		FeedChannel feed = channel();

		Element self = channelElement(feed).getChild("link", ATOM);

		assertThat(self).isNotNull();
		assertThat(self.getAttributeValue("rel")).isEqualTo("self");
		assertThat(self.getAttributeValue("type")).isEqualTo("application/rss+xml");
		assertThat(self.getAttributeValue("href")).isEqualTo(feed.selfUrl(FeedFormat.RSS));
	}

	@Test
	void hubIsAnAtomLinkBesideTheSelfLink() {
		FeedChannel feed = aChannel().hub("https://news.example.org/hub").build();

		List<Element> links = channelElement(feed).getChildren("link", ATOM);

		assertThat(links).extracting((link) -> link.getAttributeValue("rel")).containsExactly("self", "hub");
		assertThat(links.get(1).getAttributeValue("href")).isEqualTo("https://news.example.org/hub");
		assertThat(channelElement(channel()).getChildren("link", ATOM)).hasSize(1);
	}

	@Test
	void datesAreRfc822WithAnExplicitZone() {
		Element channel = channelElement(channel(), anItem().build());

		assertThat(channel.getChildText("lastBuildDate")).matches(RFC_822_GMT)
			.isEqualTo("Sun, 02 Mar 2025 09:45:30 GMT");
		assertThat(channel.getChildText("pubDate")).isEqualTo("Sun, 02 Mar 2025 09:45:30 GMT");
		assertThat(channel.getChild("item").getChildText("pubDate")).matches(RFC_822_GMT)
			.isEqualTo("Sat, 01 Mar 2025 08:30:00 GMT");
	}

	@Test
	void channelCarriesLanguageGeneratorAndTtlInMinutes() {
		Element channel = channelElement(aChannel().language("pt-BR").ttl(Duration.ofSeconds(90)).build());

		assertThat(channel.getChildText("language")).isEqualTo("pt-BR");
		assertThat(channel.getChildText("generator")).isEqualTo(channel().generator());
		assertThat(channel.getChildText("ttl")).isEqualTo("2");
	}

	@Test
	void authorsAreDublinCoreCreators() {
		Element item = channelElement(channel(), anItem().authors("Ada Lovelace", "Grace Hopper").build())
			.getChild("item");

		assertThat(item.getChildren("creator", DC)).extracting(Element::getText)
			.containsExactly("Ada Lovelace", "Grace Hopper");
		assertThat(item.getChild("author")).isNull();
	}

	@Test
	void itemInAnotherLanguageCarriesDublinCoreLanguage() {
		Element channel = channelElement(aChannel().language("en").build(), anItem().language("en").build(),
				anItem().language("de").build());

		List<Element> items = channel.getChildren("item");
		assertThat(items.get(0).getChild("language", DC)).isNull();
		assertThat(items.get(1).getChildText("language", DC)).isEqualTo("de");
	}

	@Test
	void fullContentIsContentEncoded() {
		FeedItem item = anItem().contentHtml("<p>Full <em>text</em></p>").build();

		Element encoded = channelElement(channel(), item).getChild("item").getChild("encoded", CONTENT);

		assertThat(encoded.getText()).isEqualTo(item.contentHtml());
	}

	@Test
	void plainTextSummaryIsHtmlEscapedBecauseReadersTreatDescriptionAsHtml() {
		FeedItem item = anItem().summary("Why <script> & tags matter").contentHtml(null).build();

		Element rssItem = channelElement(channel(), item).getChild("item");

		assertThat(rssItem.getChildText("description")).isEqualTo("Why &lt;script&gt; &amp; tags matter");
		assertThat(rssItem.getChildText("encoded", CONTENT)).isEqualTo("Why &lt;script&gt; &amp; tags matter");
	}

	@Test
	void categoriesAreRssCategories() {
		Element item = channelElement(channel(), anItem().categories(List.of("Politics", "Économie")).build())
			.getChild("item");

		assertThat(item.getChildren("category")).extracting(Element::getText).containsExactly("Politics", "Économie");
	}

	@Test
	void imageIsMediaRssContentWithSizeAndAltAndAnEnclosureOfItsType() {
		FeedItem item = anItem()
			.image(new FeedImage("https://images.example.org/bridge.JPG?w=1200", "The bridge & <river>", 1200, 800))
			.build();
		byte[] rss = render(channel(), item);
		Element itemElement = channelElement(channel(), item).getChild("item");

		Element media = itemElement.getChild("content", MEDIA);
		assertThat(media.getAttributeValue("url")).isEqualTo("https://images.example.org/bridge.JPG?w=1200");
		assertThat(media.getAttributeValue("medium")).isEqualTo("image");
		assertThat(media.getAttributeValue("type")).isEqualTo("image/jpeg");
		assertThat(media.getAttributeValue("width")).isEqualTo("1200");
		assertThat(media.getAttributeValue("height")).isEqualTo("800");
		assertThat(media.getChildText("description", MEDIA)).isEqualTo("The bridge & <river>");
		assertThat(media.getChild("description", MEDIA).getAttributeValue("type")).isEqualTo("plain");
		assertThat(new String(rss, java.nio.charset.StandardCharsets.UTF_8))
			.contains("xmlns:media=\"http://search.yahoo.com/mrss/\"");

		Element enclosure = itemElement.getChild("enclosure");
		assertThat(enclosure.getAttributeValue("url")).isEqualTo("https://images.example.org/bridge.JPG?w=1200");
		assertThat(enclosure.getAttributeValue("type")).isEqualTo("image/jpeg");
		assertThat(enclosure.getAttributeValue("length")).isEqualTo("0");
		Item parsed = ((Channel) ParsedFeed.xml(rss, "rss_2.0")).getItems().get(0);
		assertThat(parsed.getEnclosures()).singleElement().satisfies((parsedEnclosure) -> {
			assertThat(parsedEnclosure.getUrl()).isEqualTo("https://images.example.org/bridge.JPG?w=1200");
			assertThat(parsedEnclosure.getType()).isEqualTo("image/jpeg");
		});
	}

	@Test
	void everyKnownImageExtensionGivesItsEnclosureType() {
		java.util.Map<String, String> types = java.util.Map.of("a.jpg", "image/jpeg", "a.jpeg", "image/jpeg", "a.png",
				"image/png", "a.gif", "image/gif", "a.webp", "image/webp", "a.avif", "image/avif", "a.svg",
				"image/svg+xml");
		types.forEach((file, type) -> {
			Element item = channelElement(channel(),
					anItem().image(new FeedImage("https://images.example.org/" + file, "alt", null, null)).build())
				.getChild("item");
			assertThat(item.getChild("enclosure").getAttributeValue("type")).as(file).isEqualTo(type);
			assertThat(item.getChild("content", MEDIA).getAttributeValue("type")).as(file).isEqualTo(type);
		});
	}

	@Test
	void imageOfUnknownTypeHasMediaContentButNoEnclosure() {
		for (String url : List.of("https://images.example.org/render?id=7", "https://images.example.org/photo.tiff",
				"https://images.example.org/v1.2/photo", "https://images.example.org/")) {
			Element item = channelElement(channel(), anItem().image(new FeedImage(url, "A photo", null, null)).build())
				.getChild("item");
			assertThat(item.getChild("enclosure")).as(url).isNull();
			Element media = item.getChild("content", MEDIA);
			assertThat(media.getAttributeValue("url")).as(url).isEqualTo(url);
			assertThat(media.getAttribute("type")).as(url).isNull();
			assertThat(media.getAttribute("width")).isNull();
			assertThat(media.getAttribute("height")).isNull();
		}
	}

	@Test
	void decorativeImageHasNoMediaDescriptionAndItemWithoutImageHasNeitherElement() {
		Element channel = channelElement(channel(),
				anItem().image(new FeedImage("https://images.example.org/rule.png", "", null, 4)).build(),
				anItem().build());
		Element decorative = channel.getChildren("item").get(0);
		assertThat(decorative.getChild("content", MEDIA).getChild("description", MEDIA)).isNull();
		assertThat(decorative.getChild("content", MEDIA).getAttributeValue("height")).isEqualTo("4");
		Element plain = channel.getChildren("item").get(1);
		assertThat(plain.getChild("content", MEDIA)).isNull();
		assertThat(plain.getChild("enclosure")).isNull();
		assertThat(new String(render(channel(), anItem().build()), java.nio.charset.StandardCharsets.UTF_8))
			.doesNotContain("mrss");
	}

}
