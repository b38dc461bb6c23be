package org.syndication.feed.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.syndication.feed.rendering.FeedChannel;
import org.syndication.feed.rendering.FeedItem;

/**
 * Feeds that look like production ones: articles of 3 to 5 KB of sanitized HTML with
 * paragraphs, links, a list, a code block with characters to escape, and a paragraph of
 * CJK text. Deterministic, so two runs render the same bytes.
 */
final class BenchmarkFeeds {

	private static final Instant NEWEST = Instant.parse("2026-11-20T09:30:00Z");

	private static final String[] TOPICS = { "Parliament passes the budget after a night session",
			"A new approach to caching feeds at the edge", "Researchers map the deep-sea currents of the Atlantic",
			"The city library reopens with a bigger archive", "Why the train timetable changes in December",
			"東京の新しい美術館が開館" };

	private static final String[] AUTHORS = { "Ada Lovelace", "Zoë Müller", "山田 太郎", "Jean-Luc Dupont", "Priya Raman" };

	private static final String[] CATEGORIES = { "politics", "technology", "science", "culture", "transport", "経済" };

	/** A paragraph of an article's HTML; {@code %d} makes each article's link its own. */
	static final String PARAGRAPH = "<p>The committee met on Tuesday to discuss the proposal, which would "
			+ "change how the service publishes its updates. <em>Several members</em> asked for more time; others "
			+ "argued that the <a href=\"https://news.example.org/background?id=%d&amp;lang=en\">background "
			+ "report</a> already answers the open questions. &quot;We have waited long enough,&quot; said one of "
			+ "them, pointing to figures that show a 12&nbsp;%% rise in requests since spring.</p>";

	private static final String CJK_PARAGRAPH = "<p lang=\"ja\">委員会は火曜日に会合を開き、サービスの更新方法を変える提案について"
			+ "議論しました。一部の委員はさらに時間を求めましたが、他の委員は背景報告書がすでに疑問に答えていると主張しました。中文摘要：委员会讨论了新的发布流程，预计明年春季开始实施。</p>";

	private static final String CODE = "<pre><code>for (Item item : feed.items()) {\n"
			+ "    if (item.size() &gt; limit &amp;&amp; !item.pinned()) {\n"
			+ "        writer.write(\"&lt;entry id=\\\"\" + item.id() + \"\\\"/&gt;\");\n" + "    }\n"
			+ "}\n</code></pre>";

	private static final String LIST = "<ul><li>First reading in <strong>March</strong></li>"
			+ "<li>Public consultation until June</li><li>Final vote before the summer recess</li></ul>";

	private BenchmarkFeeds() {
	}

	/**
	 * The channel feed-service builds for the feed of all articles.
	 */
	static FeedChannel channel() {
		return new FeedChannel("urn:uuid:" + uuid("feed:all"), "Syndication", "The newest articles",
				"http://localhost:8082/feeds/", "http://localhost:8082/", null, NEWEST, Duration.ofMinutes(15),
				"syndication feed-service");
	}

	/**
	 * Items newest first, as the feed cache passes them to the renderer.
	 * @param count how many
	 * @return the items
	 */
	static List<FeedItem> items(int count) {
		List<FeedItem> items = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			items.add(item(i));
		}
		return items;
	}

	static FeedItem item(int index) {
		String title = TOPICS[index % TOPICS.length] + " (" + (index + 1) + ")";
		String summary = "A summary of the article for readers who only skim: what happened, who decided it, and "
				+ "what changes next week. Part " + (index + 1) + ".";
		List<String> authors = (index % 3 == 0) ? List.of(AUTHORS[index % AUTHORS.length])
				: List.of(AUTHORS[index % AUTHORS.length], AUTHORS[(index + 2) % AUTHORS.length]);
		List<String> categories = List.of(CATEGORIES[index % CATEGORIES.length],
				CATEGORIES[(index + 3) % CATEGORIES.length]);
		String language = (index % TOPICS.length == TOPICS.length - 1) ? "ja" : "en";
		Instant published = NEWEST.minus(Duration.ofHours(3L * index));
		Instant updated = (index % 4 == 0) ? published.plus(Duration.ofMinutes(20)) : published;
		return new FeedItem(uuid("article:" + index), title, summary, html(index),
				"https://news.example.org/articles/" + (index + 1), authors, categories, language, published, updated,
				null);
	}

	/**
	 * Between about 3 and 5 KB of HTML, depending on the index.
	 */
	static String html(int index) {
		StringBuilder html = new StringBuilder(6 * 1024);
		html.append("<h2>").append(TOPICS[index % TOPICS.length]).append("</h2>");
		int paragraphs = 5 + index % 5;
		for (int p = 0; p < paragraphs; p++) {
			html.append(PARAGRAPH.formatted(index * 10 + p));
			if (p == 1) {
				html.append(CODE);
			}
			if (p == 2) {
				html.append(CJK_PARAGRAPH);
			}
		}
		html.append(LIST);
		html.append("<blockquote><p>Feeds are polled far more often than they change.</p></blockquote>");
		return html.toString();
	}

	private static UUID uuid(String name) {
		return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
	}

}
