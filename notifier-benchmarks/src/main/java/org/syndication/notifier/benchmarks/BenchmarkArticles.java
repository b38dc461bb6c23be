package org.syndication.notifier.benchmarks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventType;
import org.syndication.events.ArticleSnapshot;
import org.syndication.notifier.mail.ArticleContent;

/**
 * A typical article: a one-line title, a summary and about 4 KB of HTML with paragraphs,
 * links, a list, code and some CJK text, like the articles of the other benchmarks.
 */
final class BenchmarkArticles {

	private static final String PARAGRAPH = """
			<p>The committee met on Tuesday to discuss the proposal, which would change how the service \
			publishes its updates. <em>Several members</em> asked for more time; others argued that the \
			<a href="https://news.example.org/background?id=%d&amp;lang=en">background report</a> already \
			answers the open questions. &quot;We have waited long enough,&quot; said one of them, pointing \
			to figures that show a 12 %% rise in requests since spring.</p>""";

	private static final String CODE = """
			<pre><code>for (Item item : feed.items()) {
			    if (item.size() &gt; limit &amp;&amp; !item.pinned()) {
			        writer.write(item);
			    }
			}
			</code></pre>""";

	private static final String CJK = "<p>委員会は火曜日に会合を開き、サービスの更新方法を変える提案について議論しました。"
			+ "中文摘要：委员会讨论了新的发布流程，预计明年春季开始实施。</p>";

	private BenchmarkArticles() {
	}

	/** The publication event of a new article, happening now. */
	static ArticleEvent published(int number) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		UUID id = UUID.randomUUID();
		StringBuilder html = new StringBuilder("<h2>Fan-out probe ").append(number).append("</h2>");
		for (int i = 0; i < 7; i++) {
			html.append(PARAGRAPH.formatted(number));
			if (i == 1) {
				html.append(CODE);
			}
			if (i == 2) {
				html.append(CJK);
			}
		}
		html.append("<ul><li>First reading in <strong>March</strong></li><li>Final vote in June</li></ul>");
		ArticleSnapshot article = new ArticleSnapshot(id, 1,
				"City council approves new cycle lanes (probe %d)".formatted(number),
				"The council voted 31 to 12 for a network of protected cycle lanes; work starts in spring.",
				html.toString(), "http://localhost:8081/articles/" + id, List.of("Fan-out Benchmark"),
				List.of("benchmark"), "en", now, now, false, null);
		return new ArticleEvent(UUID.randomUUID(), ArticleEventType.PUBLISHED, now, article);
	}

	/** The article as the notifier hands it to its composer. */
	static ArticleContent content(ArticleEvent event) {
		ArticleSnapshot article = event.article();
		return new ArticleContent(article.title(), article.summary(), article.contentHtml(), article.url(),
				article.language());
	}

}
