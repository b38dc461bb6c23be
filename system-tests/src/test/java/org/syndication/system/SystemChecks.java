package org.syndication.system;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventType;
import org.syndication.system.Publisher.Article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the scenarios check, as a reader, a subscriber and a partner would: articles
 * numbered in their titles ({@code S1 article 0042}), their feed items, their alerts and
 * their events.
 */
final class SystemChecks {

	/**
	 * How long a scenario waits for the system to settle; longer for the soak runs.
	 */
	static final Duration PATIENCE = Duration.ofMinutes(Long.getLong("syndication.system.patience-minutes", 3));

	private static final Logger logger = LoggerFactory.getLogger(SystemChecks.class);

	private final Publisher publisher;

	private final Feeds feeds;

	private final Mailbox mail;

	private final ArticlesTopic topic;

	SystemChecks(Publisher publisher, Feeds feeds, Mailbox mail, ArticlesTopic topic) {
		this.publisher = publisher;
		this.feeds = feeds;
		this.mail = mail;
		this.topic = topic;
	}

	static SystemChecks of(TheSystem system) {
		return new SystemChecks(system.publisherApi, system.feeds, system.mail, system.topic);
	}

	/**
	 * Scenario 1: {@code count} articles (every tenth edited twice) published by 8
	 * concurrent clients reach their category feeds once each, one alert each to the
	 * subscriber of all of them (and only the matching ones to a narrower subscriber),
	 * and every partner once each, in version order.
	 * @param notifier where readers subscribe
	 * @param count how many articles, a multiple of 100; a tenth as many categories
	 * @return the address of the subscriber of every article
	 */
	String loadScenario(Notifier notifier, int count) {
		// Ten articles per category feed, well inside a feed's 50 items.
		int categories = count / 10;
		String everything = "s1-everything@example.org";
		String seventh = "s1-seventh@example.org";
		String nobody = "s1-nobody@example.org";
		notifier.subscribeAndConfirm(List.of(everything), List.of("s1-all"));
		notifier.subscribeAndConfirm(List.of(seventh), List.of("s1-cat-7"));
		notifier.subscribeAndConfirm(List.of(nobody), List.of("s1-none"));

		logger.info("Scenario 1: subscribers confirmed");
		List<Article> articles = Concurrently.call(8, count, (i) -> {
			Article article = this.publisher.create(s1Article(i, categories, ""));
			if (i % 10 == 0) {
				article = this.publisher.update(article, s1Article(i, categories, " (edit 1)"));
				article = this.publisher.update(article, s1Article(i, categories, " (edit 2)"));
			}
			return article;
		});

		logger.info("Scenario 1: {} articles published", count);
		long published = System.nanoTime();
		// Feeds: every article once, in the feed of each of its categories. A feed that
		// is complete already is seen so at once (no poll delay), so the time logged
		// below is how long the feeds took, not how long the checks waited.
		for (int category = 0; category < categories; category++) {
			int inCategory = category;
			String path = "/feeds/categories/s1-cat-" + category + "/atom.xml";
			Set<String> expected = IntStream.range(0, count)
				.filter((i) -> i % categories == inCategory)
				.mapToObj((i) -> articles.get(i).urn())
				.collect(Collectors.toSet());
			await().atMost(PATIENCE)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(250))
				.untilAsserted(
						() -> assertThat(this.feeds.entryIds(path)).containsExactlyInAnyOrderElementsOf(expected));
		}
		assertThat(this.feeds.entryIds("/feeds/atom.xml")).hasSize(50).doesNotHaveDuplicates();

		logger.info("Scenario 1: every article in the feeds, {} category feeds checked, {} ms after the last POST",
				categories, Duration.ofNanos(System.nanoTime() - published).toMillis());
		// Mail: one alert per article to the subscriber of everything.
		await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> alertsTo(everything).size() >= count);
		List<Mail> alerts = alertsTo(everything);
		assertThat(alerts).extracting(SystemChecks::articleNumber)
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, count).boxed().toList());
		assertThat(alerts).extracting(Mail::messageId).doesNotHaveDuplicates();
		assertThat(alertsTo(seventh)).extracting(SystemChecks::articleNumber)
			.containsExactlyInAnyOrderElementsOf(
					IntStream.range(0, count).filter((i) -> i % categories == 7).boxed().toList());
		assertThat(alertsTo(nobody)).isEmpty();

		logger.info("Scenario 1: every alert in the mailboxes");
		// Partners: every event once, in version order per article.
		Map<String, List<ArticleEvent>> events = ArticlesTopic.eventsByArticle(this.topic.readAll());
		for (int i = 0; i < count; i++) {
			Article article = articles.get(i);
			List<ArticleEvent> ofArticle = events.getOrDefault(article.id(), List.of());
			List<ArticleEventType> expected = (i % 10 == 0)
					? List.of(ArticleEventType.PUBLISHED, ArticleEventType.UPDATED, ArticleEventType.UPDATED)
					: List.of(ArticleEventType.PUBLISHED);
			assertThat(ofArticle).as("events of article %d", i)
				.extracting(ArticleEvent::type)
				.containsExactlyElementsOf(expected);
			assertThat(ofArticle).as("versions of article %d", i)
				.extracting((event) -> event.article().version())
				.containsExactlyElementsOf(LongStream.rangeClosed(1, expected.size()).boxed().toList());
		}
		assertThat(events.values().stream().flatMap(List::stream).map(ArticleEvent::eventId)).doesNotHaveDuplicates();
		return everything;
	}

	static Map<String, Object> s1Article(int i, int categories, String edit) {
		Map<String, Object> article = new HashMap<>();
		article.put("title", "S1 article %04d%s".formatted(i, edit));
		article.put("summary", "Article number " + i + " of the load scenario.");
		article.put("contentHtml", "<p>Body of article " + i + ".</p>");
		article.put("authors", List.of("S1 Author " + (i % 5)));
		article.put("categories", List.of("s1-all", "s1-cat-" + (i % categories)));
		return article;
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
		assertFeedHoldsExactly(this.feeds, path, articles);
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
		List<ArticlesTopic.Record> records = this.topic.readAll();
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

	/** The return path a mail was delivered with: where its bounces go. */
	static String returnPath(Mail mail) {
		try {
			String[] values = mail.message().getHeader("Return-Path");
			if (values == null || values.length != 1) {
				throw new AssertionError("No single Return-Path on the mail to " + mail.recipient());
			}
			return values[0].replaceAll("[<>\\s]", "");
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	List<Mail> alertsOf(String title) {
		return this.mail.all().stream().filter((mail) -> mail.subject().equals(title)).toList();
	}

	List<Mail> alertsTo(String recipient) {
		return this.mail.to(recipient)
			.stream()
			.filter((mail) -> !mail.subject().equals(Notifier.CONFIRMATION_SUBJECT))
			.toList();
	}

	private static final Pattern ARTICLE_NUMBER = Pattern.compile("S\\d+ article (\\d{4,})");

	static int articleNumber(Mail mail) {
		Matcher matcher = ARTICLE_NUMBER.matcher(mail.subject());
		assertThat(matcher.find()).as("an article's number in %s", mail.subject()).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

}
