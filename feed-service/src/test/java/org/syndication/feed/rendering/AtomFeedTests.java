package org.syndication.feed.rendering;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.syndication.feed.rendering.Feeds.aChannel;
import static org.syndication.feed.rendering.Feeds.anItem;
import static org.syndication.feed.rendering.Feeds.channel;

class AtomFeedTests {

	private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");

	private static final Namespace SY = Namespace.getNamespace("http://purl.org/rss/1.0/modules/syndication/");

	private final FeedRenderer renderer = new FeedRenderer();

	private byte[] render(FeedChannel channel, FeedItem... items) {
		return this.renderer.render(FeedFormat.ATOM, channel, List.of(items), Long.MAX_VALUE);
	}

	private Element root(FeedChannel channel, FeedItem... items) {
		return XmlTrees.parse(render(channel, items)).getRootElement();
	}

	@Test
	void renderedFeedIsValidAgainstTheRfc4287Schema() {
		byte[] atom = render(channel(), anItem().build(), anItem().language("fr").authors().summary(null).build(),
				anItem().contentHtml(null).title("Tom & Jerry <3 \u0001").build(),
				anItem().categories(IntStream.range(0, 60).mapToObj((i) -> "c" + i).toList())
					.contentHtml("<pre>\n\t x</pre>")
					.build());

		assertThat(AtomSchema.violations(atom)).isEmpty();
	}

	@Test
	void hubLinkKeepsTheFeedValidAndReadersFindIt() {
		byte[] atom = render(aChannel().hub("https://news.example.org/hub").build(), anItem().build());

		assertThat(AtomSchema.violations(atom)).isEmpty();
		Feed parsed = (Feed) ParsedFeed.xml(atom, "atom_1.0");
		assertThat(parsed.getOtherLinks()).extracting(Link::getRel, Link::getHref)
			.contains(tuple("hub", "https://news.example.org/hub"));
	}

	@Test
	void minimalChannelIsValidAgainstTheRfc4287Schema() {
		FeedChannel bare = aChannel().description(null).language(null).ttl(null).generator(null).build();

		assertThat(AtomSchema.violations(render(bare))).isEmpty();
		assertThat(AtomSchema.violations(render(bare, anItem().language(null).build()))).isEmpty();
	}

	@Test
	void malformedLanguageTagIsLeftOutSoTheFeedStaysValid() {
		byte[] atom = render(aChannel().language("not a tag").build(), anItem().language("zh_Hant").build());

		Element root = XmlTrees.parse(atom).getRootElement();
		assertThat(root.getAttribute("lang", Namespace.XML_NAMESPACE)).isNull();
		assertThat(root.getChild("entry", ATOM).getAttributeValue("lang", Namespace.XML_NAMESPACE))
			.isEqualTo("zh-Hant");
		assertThat(AtomSchema.violations(atom)).isEmpty();
	}

	@Test
	void validatorRejectsAFeedWithoutId() {
		String valid = new String(render(channel(), anItem().build()), StandardCharsets.UTF_8);
		String withoutFeedId = valid.replace("<id>" + channel().id() + "</id>", "");

		assertThat(withoutFeedId).isNotEqualTo(valid);
		assertThat(AtomSchema.violations(withoutFeedId.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
	}

	@Test
	void validatorRejectsUnknownElementsInTheAtomNamespace() {
		String valid = new String(render(channel(), anItem().build()), StandardCharsets.UTF_8);
		String withTtl = valid.replace("</generator>", "</generator><ttl>15</ttl>");

		assertThat(withTtl).isNotEqualTo(valid);
		assertThat(AtomSchema.violations(withTtl.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
	}

	@Test
	void feedLanguageIsXmlLangAndOnlyEntriesInAnotherLanguageRepeatIt() {
		Element root = root(aChannel().language("en").build(), anItem().language("en").build(),
				anItem().language("de").build());

		assertThat(root.getAttributeValue("lang", Namespace.XML_NAMESPACE)).isEqualTo("en");
		List<Element> entries = root.getChildren("entry", ATOM);
		assertThat(entries.get(0).getAttribute("lang", Namespace.XML_NAMESPACE)).isNull();
		assertThat(entries.get(1).getAttributeValue("lang", Namespace.XML_NAMESPACE)).isEqualTo("de");
	}

	@Test
	void mixedFeedWithoutLanguageMarksEveryEntry() {
		Element root = root(aChannel().language(null).build(), anItem().language("en").build());

		assertThat(root.getAttribute("lang", Namespace.XML_NAMESPACE)).isNull();
		assertThat(root.getChild("entry", ATOM).getAttributeValue("lang", Namespace.XML_NAMESPACE)).isEqualTo("en");
	}

	@Test
	void ttlTravelsAsSyndicationModuleUpdateSchedule() {
		Element quarterHour = root(aChannel().ttl(Duration.ofMinutes(15)).build());
		Element sixHours = root(aChannel().ttl(Duration.ofHours(6)).build());

		assertThat(quarterHour.getChildText("updatePeriod", SY)).isEqualTo("hourly");
		assertThat(quarterHour.getChildText("updateFrequency", SY)).isEqualTo("4");
		assertThat(sixHours.getChildText("updatePeriod", SY)).isEqualTo("daily");
		assertThat(sixHours.getChildText("updateFrequency", SY)).isEqualTo("4");
	}

	@Test
	void feedCarriesIdUpdatedGeneratorAndLinks() {
		FeedChannel channel = channel();
		Element root = root(channel);

		assertThat(root.getChildText("id", ATOM)).isEqualTo(channel.id());
		assertThat(root.getChildText("updated", ATOM)).isEqualTo("2025-03-02T09:45:30Z");
		assertThat(root.getChildText("generator", ATOM)).isEqualTo(channel.generator());
		assertThat(root.getChildText("subtitle", ATOM)).isEqualTo(channel.description());
		assertThat(root.getChildren("link", ATOM))
			.extracting((link) -> link.getAttributeValue("rel"), (link) -> link.getAttributeValue("type"),
					(link) -> link.getAttributeValue("href"))
			.containsExactlyInAnyOrder(
					org.assertj.core.groups.Tuple.tuple("self", "application/atom+xml",
							channel.selfUrl(FeedFormat.ATOM)),
					org.assertj.core.groups.Tuple.tuple("alternate", "text/html", channel.alternateUrl()));
	}

	@Test
	void datesAreRfc3339InUtc() {
		FeedItem item = anItem().updated(Feeds.PUBLISHED.plus(Duration.ofMinutes(5))).build();
		Element entry = root(channel(), item).getChild("entry", ATOM);

		assertThat(entry.getChildText("published", ATOM)).isEqualTo("2025-03-01T08:30:00Z");
		assertThat(entry.getChildText("updated", ATOM)).isEqualTo("2025-03-01T08:35:00Z");
	}

	@Test
	void contentIsHtmlAndSummaryIsText() {
		Element entry = root(channel(), anItem().build()).getChild("entry", ATOM);

		assertThat(entry.getChild("content", ATOM).getAttributeValue("type")).isEqualTo("html");
		assertThat(entry.getChild("summary", ATOM).getAttributeValue("type")).isEqualTo("text");
		assertThat(entry.getChild("title", ATOM).getAttributeValue("type")).isEqualTo("text");
	}

	@Test
	void entryWithoutHtmlUsesTheSummaryAsTextContent() {
		FeedItem item = anItem().contentHtml(null).summary("Plain <text>").build();
		Element content = root(channel(), item).getChild("entry", ATOM).getChild("content", ATOM);

		assertThat(content.getAttributeValue("type")).isEqualTo("text");
		assertThat(content.getText()).isEqualTo("Plain <text>");
	}

	@Test
	void feedNamesAnAuthorWhenSomeEntryHasNone() {
		FeedChannel channel = channel();

		Element withAnonymousEntry = root(channel, anItem().build(), anItem().authors().build());
		Element allAuthored = root(channel, anItem().build());

		assertThat(withAnonymousEntry.getChild("author", ATOM).getChildText("name", ATOM)).isEqualTo(channel.title());
		assertThat(allAuthored.getChild("author", ATOM)).isNull();
	}

	@Test
	void everyAuthorIsAnAtomPerson() {
		Element entry = root(channel(), anItem().authors("Ada Lovelace", "Grace Hopper").build()).getChild("entry",
				ATOM);

		assertThat(entry.getChildren("author", ATOM)).extracting((author) -> author.getChildText("name", ATOM))
			.containsExactly("Ada Lovelace", "Grace Hopper");
	}

	@Test
	void imageIsAnEnclosureLinkWithTypeAndAltAsTitleAndTheFeedStaysValid() {
		FeedItem item = anItem()
			.image(new FeedImage("https://images.example.org/bridge.webp", "The bridge & <river>\u0001", 1200, 800))
			.build();
		byte[] atom = render(channel(), item,
				anItem().image(new FeedImage("https://images.example.org/render?id=7", "", null, null)).build(),
				anItem().build());

		assertThat(AtomSchema.violations(atom)).isEmpty();
		List<Element> entries = XmlTrees.parse(atom).getRootElement().getChildren("entry", ATOM);
		List<Element> enclosures = entries.get(0)
			.getChildren("link", ATOM)
			.stream()
			.filter((link) -> "enclosure".equals(link.getAttributeValue("rel")))
			.toList();
		assertThat(enclosures).singleElement().satisfies((link) -> {
			assertThat(link.getAttributeValue("href")).isEqualTo("https://images.example.org/bridge.webp");
			assertThat(link.getAttributeValue("type")).isEqualTo("image/webp");
			assertThat(link.getAttributeValue("title")).isEqualTo("The bridge & <river>");
		});
		Element unknownType = entries.get(1)
			.getChildren("link", ATOM)
			.stream()
			.filter((link) -> "enclosure".equals(link.getAttributeValue("rel")))
			.findFirst()
			.orElseThrow();
		assertThat(unknownType.getAttributeValue("href")).isEqualTo("https://images.example.org/render?id=7");
		assertThat(unknownType.getAttribute("type")).isNull();
		assertThat(unknownType.getAttribute("title")).isNull();
		assertThat(entries.get(2).getChildren("link", ATOM))
			.noneMatch((link) -> "enclosure".equals(link.getAttributeValue("rel")));
		assertThat(entries.get(0).getChildren("link", ATOM))
			.anyMatch((link) -> "alternate".equals(link.getAttributeValue("rel")));
	}

}
