package org.syndication.system;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.events.ArticleEvent;
import org.syndication.system.MailServer.Mail;
import org.syndication.system.Publisher.Article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the scenarios check, as a reader, a subscriber and a partner would: articles
 * numbered in their titles ({@code S1 article 0042}), their feed items, their alerts and
 * their events.
 */
final class SystemChecks {

	static final Duration PATIENCE = Duration.ofMinutes(3);

	private static final Logger logger = LoggerFactory.getLogger(SystemChecks.class);

	private final TheSystem system;

	SystemChecks(TheSystem system) {
		this.system = system;
	}

	List<Article> publishMany(Publisher publisher, String scenario, String category, int first, int count) {
		return Concurrently.call(4, count, (i) -> publisher
			.create(article("%s article %04d".formatted(scenario, first + i), category, first + i)));
	}

	static Map<String, Object> article(String title, String category, int number) {
		Map<String, Object> article = new HashMap<>();
		article.put("title", title);
		article.put("summary", "Article " + number + ".");
		article.put("contentHtml", "<p>Body of article " + number + ".</p>");
		article.put("categories", List.of(category));
		return article;
	}

	void assertFeedHoldsExactly(String path, List<Article> articles) {
		assertFeedHoldsExactly(this.system.feeds, path, articles);
	}

	void assertFeedHoldsExactly(Feeds feeds, String path, List<Article> articles) {
		await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(feeds.entryIds(path))
				.containsExactlyInAnyOrderElementsOf(articles.stream().map(Article::urn).toList()));
	}

	void assertOneAlertPerArticle(String reader, int count) {
		assertOneAlertPerArticle(reader, IntStream.range(0, count).boxed().toList());
	}

	/**
	 * Waits for the alerts of the numbered articles, then checks that each came once: one
	 * Message-ID per article, and no second copy.
	 */
	void assertOneAlertPerArticle(String reader, List<Integer> numbers) {
		await().atMost(PATIENCE)
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> alertsTo(reader).stream().map(SystemChecks::articleNumber).distinct().count() >= numbers
				.size());
		assertThat(alertsTo(reader)).extracting(SystemChecks::articleNumber)
			.containsExactlyInAnyOrderElementsOf(numbers);
		assertThat(alertsTo(reader)).extracting(Mail::messageId).doesNotHaveDuplicates();
	}

	/**
	 * Every article's events are on the topic once each (by eventId), with versions 1 to
	 * {@code versions} in order.
	 * @return how many records repeated an event already on the topic
	 */
	int assertEveryEventOnceInOrder(List<Article> articles, int versions) {
		int repeated = 0;
		List<ArticlesTopic.Record> records = this.system.topic.readAll();
		Map<String, List<ArticleEvent>> events = ArticlesTopic.eventsByArticle(records);
		for (Article article : articles) {
			List<ArticleEvent> ofArticle = events.getOrDefault(article.id(), List.of());
			List<ArticleEvent> distinct = ofArticle.stream()
				.collect(Collectors.toMap(ArticleEvent::eventId, (event) -> event, (first, second) -> first,
						LinkedHashMap::new))
				.values()
				.stream()
				.toList();
			assertThat(distinct).as("events of %s", article.title())
				.extracting((event) -> event.article().version())
				.containsExactlyElementsOf(LongStream.rangeClosed(1, versions).boxed().toList());
			repeated += ofArticle.size() - distinct.size();
			if (ofArticle.size() > distinct.size()) {
				logger.info("{} was sent {} times: a confirmation lost on the way; consumers deduplicate on eventId",
						article.title(), ofArticle.size());
			}
		}
		return repeated;
	}

	List<Mail> alertsOf(String title) {
		return this.system.mail.all().stream().filter((mail) -> mail.subject().equals(title)).toList();
	}

	List<Mail> alertsTo(String recipient) {
		return this.system.mail.to(recipient)
			.stream()
			.filter((mail) -> !mail.subject().equals(Notifier.CONFIRMATION_SUBJECT))
			.toList();
	}

	private static final Pattern ARTICLE_NUMBER = Pattern.compile("S\\d article (\\d{4})");

	static int articleNumber(Mail mail) {
		Matcher matcher = ARTICLE_NUMBER.matcher(mail.subject());
		assertThat(matcher.find()).as("an article's number in %s", mail.subject()).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

}
