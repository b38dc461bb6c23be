package org.syndication.notifier;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvents;
import org.syndication.events.ArticleImage;
import org.syndication.localstack.FreePorts;
import org.syndication.testsupport.DeadLetterTopic;
import org.syndication.testsupport.EmbeddedKafkaBinder;
import org.syndication.testsupport.TopicWriter;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The notifier on a real embedded Kafka broker (KRaft) and a real SMTP server
 * (GreenMail), driven through its HTTP interface, the topic and the mailbox.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:notifier;DB_CLOSE_DELAY=-1",
		"notifier.token-secret=test-secret-test-secret-test-secret-42", "notifier.subscribe-requests-per-minute=5",
		"notifier.dispatch-interval=100ms", "notifier.mail.connect-timeout=1s",
		"notifier.management.token=" + NotifierTests.MANAGEMENT_TOKEN })
@EmbeddedKafkaBinder(partitions = 3)
@AutoConfigureMockMvc
class NotifierTests {

	static final String MANAGEMENT_TOKEN = "management-token-for-the-notifier-tests";

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final String DEAD_LETTERS = "deadletter_records_total{topic=\"articles.notifier-service.dlq\"}";

	private static final ServerSetup SMTP = new ServerSetup(FreePorts.find(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

	private static GreenMail mailServer = start();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private List<ScheduledTaskHolder> schedules;

	@Autowired
	private JdbcClient jdbc;

	private TopicWriter topic;

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", SMTP::getPort);
	}

	@BeforeEach
	void openTopic() {
		this.topic = new TopicWriter(this.broker.getBrokersAsString());
	}

	@AfterEach
	void closeTopic() {
		this.topic.close();
	}

	@AfterAll
	static void stopMail() {
		mailServer.stop();
	}

	@Test
	void confirmedSubscriberGetsOneAlertWithUnsubscribeHeadersAndBothParts() throws Exception {
		String address = address();
		subscribe(address, "[]").andExpect(status().isAccepted());
		confirm(address);

		ArticleEvents.Builder article = ArticleEvents.justPublished()
			.title("北京发布新的自行车道计划 🚲")
			.language("zh-Hans")
			.contentHtml("<p>The body.</p><script>alert(1)</script>");
		this.topic.send(article.published());
		MimeMessage alert = awaitMails(address, 2).get(1);

		assertThat(alert.getSubject()).isEqualTo("北京发布新的自行车道计划 🚲");
		assertThat(alert.getHeader("Subject")[0]).startsWith("=?UTF-8?");
		String unsubscribe = alert.getHeader("List-Unsubscribe")[0];
		assertThat(unsubscribe).matches("<http://localhost:8083/subscriptions/unsubscribe\\?token=[A-Za-z0-9_-]+>");
		assertThat(alert.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		assertThat(alert.getHeader("List-Id")).containsExactly("Syndication alerts <alerts.syndication.localhost>");
		assertThat(alert.getMessageID()).matches("<.+@.+>");
		assertThat(alert.getContentType()).startsWith("multipart/alternative");
		MimeMultipart parts = (MimeMultipart) alert.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat(parts.getBodyPart(0).getContentType()).startsWithIgnoringCase("text/plain; charset=UTF-8");
		assertThat(parts.getBodyPart(1).getContentType()).startsWithIgnoringCase("text/html; charset=UTF-8");
		String text = (String) parts.getBodyPart(0).getContent();
		String html = (String) parts.getBodyPart(1).getContent();
		assertThat(text).contains("https://news.example/articles/" + article.id()).contains(link(unsubscribe));
		assertThat(html).contains("北京发布新的自行车道计划").doesNotContain("<script");
		// Counted once its chunk has committed, which the mail does not wait for.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			this.mvc
				.perform(get("/actuator/metrics/notifier.alerts.queued").header("Authorization",
						"Bearer " + MANAGEMENT_TOKEN))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.measurements[0].value").value(Matchers.greaterThanOrEqualTo(1.0)));
			this.mvc
				.perform(get("/actuator/metrics/notifier.alerts.fanouts.pending").header("Authorization",
						"Bearer " + MANAGEMENT_TOKEN))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.measurements[0].value").value(0.0));
		});
	}

	@Test
	void aDailyDigestBringsTheMatchingArticlesOnceAndBreakingNewsComesAtOnce() throws Exception {
		knownCategories("culture", "science");
		String daily = address();
		String immediate = address();
		this.mvc
			.perform(withClient(post("/api/subscriptions")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"" + daily
						+ "\", \"categories\": [\"Culture\", \"science\"], \"frequency\": \"daily\"}"))
			.andExpect(status().isAccepted());
		subscribe(immediate, "[\"culture\"]").andExpect(status().isAccepted());
		confirm(daily);
		confirm(immediate);

		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		this.topic.send(ArticleEvents.justPublished()
			.title("Exhibition opens")
			.summary("A new wing.")
			.categories("culture")
			.publishedAt(now.minusSeconds(2))
			.published());
		ArticleEvents.Builder comet = ArticleEvents.justPublished()
			.title("Comet seen")
			.categories("Science")
			.publishedAt(now.minusSeconds(1));
		this.topic.send(comet.published());
		this.topic.send(ArticleEvents.justPublished().title("Match report").categories("sport").published());
		ArticleEvents.Builder withdrawn = ArticleEvents.justPublished().title("Withdrawn").categories("science");
		this.topic.send(withdrawn.published());
		this.topic.send(withdrawn.version(2).retracted());
		this.topic.send(
				ArticleEvents.justPublished().title("Museum on fire").categories("culture").breaking(true).published());

		// Alerts go out at once: to the immediate subscriber, and breaking news to both.
		assertThat(awaitMails(immediate, 3).stream().map(NotifierTests::subject))
			.containsExactly("Confirm your subscription", "Exhibition opens", "Museum on fire");
		assertThat(awaitMails(daily, 2).stream().map(NotifierTests::subject))
			.containsExactly("Confirm your subscription", "Museum on fire");
		await().atMost(PATIENCE)
			.until(() -> this.jdbc.sql("SELECT retracted FROM article_alert WHERE article_id = :id")
				.param("id", withdrawn.id())
				.query(Boolean.class)
				.optional()
				.orElse(false));

		this.mvc.perform(post("/api/digests/daily/runs")).andExpect(status().isUnauthorized());
		this.mvc.perform(post("/api/digests/hourly/runs").header("Authorization", "Bearer " + MANAGEMENT_TOKEN))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/api/digests/daily/runs").header("Authorization", "Bearer " + MANAGEMENT_TOKEN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.frequency").value("daily"))
			.andExpect(jsonPath("$.queued").value(1));
		MimeMessage digest = awaitMails(daily, 3).get(2);
		assertThat(digest.getSubject()).isEqualTo("Syndication: 2 new articles");
		assertThat(digest.getMessageID()).matches("<digest\\.[0-9a-f-]{36}\\.daily-\\d{4}-\\d{2}-\\d{2}@.+>");
		assertThat(digest.getHeader("List-Unsubscribe")[0])
			.matches("<http://localhost:8083/subscriptions/unsubscribe\\?token=[A-Za-z0-9_-]+>");
		assertThat(digest.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		assertThat(digest.getHeader("List-Id")).containsExactly("Syndication alerts <alerts.syndication.localhost>");
		String text = text(digest);
		assertThat(text).containsSubsequence("Comet seen", "https://news.example/articles/" + comet.id(),
				"Exhibition opens", "A new wing.");
		assertThat(text).doesNotContain("Museum on fire").doesNotContain("Withdrawn").doesNotContain("Match report");
		manageLink(digest);

		this.mvc.perform(post("/api/digests/daily/runs").header("Authorization", "Bearer " + MANAGEMENT_TOKEN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.queued").value(0));
		this.mvc.perform(post("/api/digests/weekly/runs").header("Authorization", "Bearer " + MANAGEMENT_TOKEN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.queued").value(0));
		this.mvc
			.perform(get("/actuator/metrics/notifier.digests.sent").param("tag", "frequency:daily")
				.header("Authorization", "Bearer " + MANAGEMENT_TOKEN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.measurements[0].value").value(1.0));
		assertThat(mails(daily)).hasSize(3);
	}

	@Test
	void alertsAndDigestsShowTheArticleImageWithItsAltTextAsTheNewestVersionHasIt() throws Exception {
		// Weekly, so that the daily digests counted in the test of daily digests stay
		// theirs.
		knownCategories("astronomy");
		String weekly = address();
		String immediate = address();
		this.mvc
			.perform(withClient(post("/api/subscriptions")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"" + weekly + "\", \"categories\": [\"astronomy\"], \"frequency\": \"weekly\"}"))
			.andExpect(status().isAccepted());
		subscribe(immediate, "[\"astronomy\"]").andExpect(status().isAccepted());
		confirm(weekly);
		confirm(immediate);

		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		ArticleEvents.Builder eclipse = ArticleEvents.justPublished()
			.title("Eclipse over the bay")
			.categories("astronomy")
			.publishedAt(now.minusSeconds(1))
			.image(new ArticleImage("https://images.example.org/eclipse.jpg?size=l&v=2",
					"The sun \"eaten\" <half> & red", 1200, 800));
		this.topic.send(eclipse.published());
		this.topic.send(ArticleEvents.justPublished()
			.title("Star chart")
			.categories("astronomy")
			.publishedAt(now.minusSeconds(2))
			.published());

		List<MimeMessage> alerts = awaitMails(immediate, 3);
		MimeMessage alert = alerts.stream()
			.filter((mail) -> "Eclipse over the bay".equals(subject(mail)))
			.findFirst()
			.orElseThrow();
		assertThat(html(alert)).contains("<img src=\"https://images.example.org/eclipse.jpg?size=l&amp;v=2\"")
			.contains(" alt=\"The sun &quot;eaten&quot; &lt;half&gt; &amp; red\"")
			.contains(" width=\"1200\" height=\"800\"");
		MimeMessage plain = alerts.stream()
			.filter((mail) -> "Star chart".equals(subject(mail)))
			.findFirst()
			.orElseThrow();
		assertThat(html(plain)).doesNotContain("<img");

		// An edit before the digest: the digest shows the image as the newest version has
		// it.
		this.topic.send(eclipse.version(2)
			.image(new ArticleImage("https://images.example.org/eclipse-2.png", "", null, null))
			.updated());
		await().atMost(PATIENCE)
			.until(() -> this.jdbc.sql("SELECT image_url FROM article_alert WHERE article_id = :id")
				.param("id", eclipse.id())
				.query(String.class)
				.optional()
				.orElse(""), "https://images.example.org/eclipse-2.png"::equals);
		this.mvc.perform(post("/api/digests/weekly/runs").header("Authorization", "Bearer " + MANAGEMENT_TOKEN))
			.andExpect(status().isOk());
		MimeMessage digest = awaitMails(weekly, 2).get(1);
		assertThat(digest.getSubject()).isEqualTo("Syndication: 2 new articles");
		String html = html(digest);
		assertThat(html.split("<img ", -1)).hasSize(2);
		assertThat(html).contains("<img src=\"https://images.example.org/eclipse-2.png\" alt=\"\"")
			.doesNotContain("eclipse.jpg")
			.containsSubsequence("Eclipse over the bay", "<img ", "Star chart");
	}

	@Test
	void oneClickUnsubscribeStopsMailAtOnceAndAGetChangesNothing() throws Exception {
		String address = address();
		subscribe(address, "[]").andExpect(status().isAccepted());
		confirm(address);
		this.topic.send(ArticleEvents.justPublished().title("First").published());
		MimeMessage first = awaitMails(address, 2).get(1);
		String unsubscribe = link(first.getHeader("List-Unsubscribe")[0]);

		this.mvc.perform(get(unsubscribe))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("<form method=\"post\"")));
		this.topic.send(ArticleEvents.justPublished().title("Second").published());
		awaitMails(address, 3);

		this.mvc
			.perform(post(unsubscribe).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("List-Unsubscribe=One-Click"))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("Set-Cookie"));
		ArticleEvents.Builder after = ArticleEvents.justPublished().title("After unsubscribing");
		this.topic.send(after.published());
		String marker = address();
		subscribe(marker, "[]");
		confirm(marker);
		this.topic.send(ArticleEvents.justPublished().title("Marker").published());
		awaitMails(marker, 2);
		assertThat(mails(address)).hasSize(3);
	}

	@Test
	void onlyMatchingCategoriesAreMailed() throws Exception {
		knownCategories("politics");
		String politics = address();
		String everything = address();
		subscribe(politics, "[\"Politics\"]");
		subscribe(everything, "[]");
		confirm(politics);
		confirm(everything);

		this.topic.send(ArticleEvents.justPublished().title("Culture news").categories("culture").published());
		this.topic
			.send(ArticleEvents.justPublished().title("Politics news").categories("POLITICS", "economy").published());
		awaitMails(everything, 3);
		await().atMost(PATIENCE).until(() -> mails(politics).size() == 2);
		assertThat(mails(politics).get(1).getSubject()).isEqualTo("Politics news");
	}

	@Test
	void duplicateEventsUpdatesAndOldNewsSendNothingMore() throws Exception {
		String address = address();
		subscribe(address, "[]");
		confirm(address);
		ArticleEvents.Builder article = ArticleEvents.justPublished().title("Only once");
		var published = article.published();
		this.topic.send(published);
		this.topic.send(published);
		this.topic.send(article.version(2).title("Only once, edited").updated());
		this.topic.send(ArticleEvents.justPublished()
			.title("Back-dated")
			.publishedAt(Instant.now().minus(Duration.ofDays(3)))
			.occurredAt(Instant.now())
			.published());
		this.topic.send(ArticleEvents.justPublished()
			.title("Old event")
			.occurredAt(Instant.now().minus(Duration.ofDays(2)))
			.published());
		this.topic.send(ArticleEvents.justPublished().title("Marker").published());

		await().atMost(PATIENCE)
			.until(() -> mails(address).stream().anyMatch((mail) -> subject(mail).equals("Marker")));
		// One alert for the article; if the edit arrived before it went out, it carries
		// the edited title.
		assertThat(mails(address)).extracting(NotifierTests::subject)
			.hasSize(3)
			.contains("Confirm your subscription", "Marker")
			.filteredOn((subject) -> subject.startsWith("Only once"))
			.hasSize(1);
	}

	@Test
	void alertsQueuedWhileSmtpIsDownGoOutOnceWhenItReturnsAndRetractedOnesNever() throws Exception {
		String address = address();
		subscribe(address, "[]");
		confirm(address);

		mailServer.stop();
		ArticleEvents.Builder kept = ArticleEvents.justPublished().title("Sent after the outage");
		ArticleEvents.Builder retracted = ArticleEvents.justPublished().title("Retracted during the outage");
		this.topic.send(kept.published());
		this.topic.send(retracted.published());
		this.topic.send(retracted.version(2).retracted());
		this.topic.tombstone(retracted.id());
		await().pollDelay(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> true);
		mailServer = start();

		await().atMost(Duration.ofSeconds(90))
			.until(() -> mails(address).stream().anyMatch((mail) -> subject(mail).equals("Sent after the outage")));
		this.topic.send(ArticleEvents.justPublished().title("Marker").published());
		await().atMost(PATIENCE)
			.until(() -> mails(address).stream().anyMatch((mail) -> subject(mail).equals("Marker")));
		assertThat(mails(address)).extracting(NotifierTests::subject)
			.containsExactlyInAnyOrder("Sent after the outage", "Marker");
	}

	@Test
	void poisonRecordsGoToTheDeadLetterTopicAndAlertsGoOn() throws Exception {
		String address = address();
		subscribe(address, "[]");
		confirm(address);
		String poisonKey = UUID.randomUUID().toString();
		double deadLettersBefore = prometheusValue(DEAD_LETTERS);
		this.topic.raw(poisonKey, "<html>not an event</html>");
		this.topic.send(ArticleEvents.justPublished().title("After the poison").published());

		await().atMost(PATIENCE)
			.until(() -> mails(address).stream().anyMatch((mail) -> subject(mail).equals("After the poison")));
		List<ConsumerRecord<String, String>> dead = DeadLetterTopic.read(this.broker.getBrokersAsString(),
				"articles.notifier-service.dlq", poisonKey, 1, PATIENCE);
		assertThat(dead.get(0).headers().lastHeader("x-exception-message")).isNotNull();
		await().atMost(PATIENCE).until(() -> prometheusValue(DEAD_LETTERS) >= deadLettersBefore + 1);
	}

	@Test
	void prometheusShowsTheMailsDueOfEachKindTheDeadLettersAndThatTheNotifierIsReady() throws Exception {
		String metrics = prometheus();
		for (String kind : List.of("alert", "confirmation", "digest")) {
			assertThat(metrics).containsPattern("(?m)^notifier_mail_due_messages\\{kind=\"" + kind + "\"\\} ")
				.containsPattern("(?m)^notifier_mail_due_age_seconds\\{kind=\"" + kind + "\"\\} ");
		}
		assertThat(metrics).containsPattern("(?m)^" + Pattern.quote(DEAD_LETTERS) + " ");
		// Evaluated every 10 s: the first look may have come before the service was
		// ready.
		await().atMost(PATIENCE).until(() -> prometheusValue("service_ready") == 1.0);
	}

	private String prometheus() throws Exception {
		return this.mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + MANAGEMENT_TOKEN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/** The value of a series as Prometheus scrapes it, or NaN when it is not there. */
	private double prometheusValue(String series) throws Exception {
		Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(prometheus());
		return value.find() ? Double.parseDouble(value.group(1)) : Double.NaN;
	}

	@Test
	void subscriptionAnswersTheSameWhateverTheAddressAndRefusesBadInput() throws Exception {
		String address = address();
		String fresh = this.mvc.perform(subscribeRequest(address, "[]")).andReturn().getResponse().getContentAsString();
		confirm(address);
		String known = this.mvc.perform(subscribeRequest(address, "[]")).andReturn().getResponse().getContentAsString();
		assertThat(known).isEqualTo(fresh);

		for (String bad : List.of("not-an-address", "a@b", "name@example.org\\r\\nBcc: x@example.org",
				"Name <name@example.org>", "x".repeat(250) + "@example.org", "")) {
			this.mvc.perform(subscribeRequest(bad, "[]"))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value("email"));
		}
		this.mvc
			.perform(withClient(post("/api/subscriptions")).contentType(MediaType.APPLICATION_JSON).content("{nope"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void aNumberOrABooleanWhereTextBelongsIsRefused() throws Exception {
		String address = address();
		for (String body : List.of("{\"email\": 42, \"categories\": []}",
				"{\"email\": \"" + address + "\", \"categories\": [42]}",
				"{\"email\": \"" + address + "\", \"categories\": [\"culture\", true]}",
				"{\"email\": \"" + address + "\", \"categories\": [{\"name\": \"culture\"}]}")) {
			this.mvc
				.perform(withClient(post("/api/subscriptions")).contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		}
	}

	@Test
	void bodiesThatAreNotWellFormedUtf8AreRefusedEvenWhereTheJsonParserWouldDecodeThem() throws Exception {
		// An overlong @ (C1 80) and an overlong / (C0 AF): the parser would read both.
		for (byte[] bad : List.of(new byte[] { (byte) 0xC1, (byte) 0x80 }, new byte[] { (byte) 0xC0, (byte) 0xAF })) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			body.writeBytes("{\"email\": \"reader".getBytes(StandardCharsets.UTF_8));
			body.writeBytes(bad);
			body.writeBytes("example.org\"}".getBytes(StandardCharsets.UTF_8));
			this.mvc
				.perform(withClient(post("/api/subscriptions")).contentType(MediaType.APPLICATION_JSON)
					.content(body.toByteArray()))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		}
	}

	@Test
	void categoryNamesWithLineBreaksOrControlCharactersAreRefusedByTheApiAndTheManagePage() throws Exception {
		for (String bad : List.of("politics\\r\\nBcc: x@example.org", "a\\u0000b", "a\\tb")) {
			this.mvc.perform(subscribeRequest(address(), "[\"culture\", \"" + bad + "\"]"))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value("categories[1]"));
		}
		knownCategories("culture");
		String address = address();
		subscribe(address, "[\"culture\"]");
		confirm(address);
		this.topic.send(ArticleEvents.justPublished().title("Culture news").categories("culture").published());
		String manage = manageLink(awaitMails(address, 2).get(1));

		this.mvc
			.perform(post(manage).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("categories", "culture, politics\r\nBcc: x@example.org"))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get(manage))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"culture\"")));
	}

	@Test
	void aCategoryNameThatGrowsWhenLowerCasedIsKeptAndMatches() throws Exception {
		// U+0130 lower-cased is two characters: i and a combining dot.
		String name = "\u0130".repeat(100);
		knownCategories(name);
		String address = address();
		subscribe(address, "[\"" + name + "\"]").andExpect(status().isAccepted());
		confirm(address);
		this.topic.send(ArticleEvents.justPublished().title("Dotted news").categories(name).published());
		assertThat(subject(awaitMails(address, 2).get(1))).isEqualTo("Dotted news");
	}

	@Test
	void tooManyRequestsFromOneClientAreRefusedWithRetryAfter() throws Exception {
		String client = "10.9.8." + (int) (Math.random() * 250);
		for (int i = 0; i < 5; i++) {
			this.mvc.perform(subscribeRequest(address(), "[]").with((r) -> {
				r.setRemoteAddr(client);
				return r;
			})).andExpect(status().isAccepted());
		}
		this.mvc.perform(subscribeRequest(address(), "[]").with((r) -> {
			r.setRemoteAddr(client);
			return r;
		}))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().exists("Retry-After"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void pagesShowWhatTheyShowAsTextAndPostTheirFormsBackToTheLinkTheyCameFrom() throws Exception {
		knownCategories("<b>Arts & \"Crafts\"</b>");
		String address = address();
		subscribe(address, "[\"<b>Arts & \\\"Crafts\\\"</b>\"]").andExpect(status().isAccepted());
		String confirmed = this.mvc.perform(get(confirmLink(awaitMails(address, 1).get(0))))
			.andExpect(status().isOk())
			.andExpect(content().contentType("text/html;charset=UTF-8"))
			.andExpect(header().string("Cache-Control", "no-store"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(Jsoup.parse(confirmed).select("p").first().text())
			.isEqualTo(address + " will receive an email for each new article in <b>arts & \"crafts\"</b>.");
		String managedAtOnce = Jsoup.parse(confirmed).select("a").attr("href");
		assertThat(managedAtOnce).startsWith("http://localhost:8083/subscriptions/manage?token=");
		page(get(managedAtOnce.substring("http://localhost:8083".length())));
		this.topic.send(
				ArticleEvents.justPublished().title("Crafts news").categories("<b>Arts & \"Crafts\"</b>").published());
		MimeMessage alert = awaitMails(address, 2).get(1);
		String unsubscribe = link(alert.getHeader("List-Unsubscribe")[0]);
		String manage = manageLink(alert);

		Document unsubscribePage = page(get(unsubscribe));
		assertThat(unsubscribePage.select("form")).hasSize(1);
		assertThat(unsubscribePage.selectFirst("form").attr("method")).isEqualTo("post");
		assertThat(unsubscribePage.selectFirst("form").attr("action")).isEqualTo(unsubscribe);
		Document managePage = page(get(manage));
		assertThat(managePage.select("form")).hasSize(1);
		assertThat(managePage.selectFirst("form").attr("action")).isEqualTo(manage);
		assertThat(managePage.selectFirst("input[name=categories]").attr("value"))
			.isEqualTo("<b>arts & \"crafts\"</b>");
		assertThat(managePage.select("b")).isEmpty();

		Document saved = page(post(manage).contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("categories", "culture, <i>science</i>"));
		assertThat(saved.select("p strong").text()).isEqualTo("Saved.");
		assertThat(saved.selectFirst("input[name=categories]").attr("value")).isEqualTo("culture, <i>science</i>");
		assertThat(saved.select("i")).isEmpty();
	}

	private Document page(MockHttpServletRequestBuilder request) throws Exception {
		return Jsoup.parse(this.mvc.perform(request)
			.andExpect(status().isOk())
			.andExpect(content().contentType("text/html;charset=UTF-8"))
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	@Test
	void theDispatcherLooksForDueMailAsOftenAsConfigured() {
		assertThat(this.schedules.stream()
			.flatMap((holder) -> holder.getScheduledTasks().stream())
			.map(ScheduledTask::getTask)
			.filter((task) -> task.getRunnable().toString().contains("DispatchJobs"))
			.map((task) -> ((FixedDelayTask) task).getIntervalDuration())).containsExactly(Duration.ofMillis(100));
	}

	@Test
	void anEmptyQueueCostsTheDispatcherOneReadPerPollAndNoClaim() throws Exception {
		String address = address();
		subscribe(address, "[]").andExpect(status().isAccepted());
		awaitMails(address, 1);
		// Other tests' mails may wait for a retry; none may come due while we watch.
		await().atMost(Duration.ofSeconds(90)).until(() -> dueWithin(Duration.ofSeconds(4)) == 0);
		// H2 counts every statement it runs, with its parameters as placeholders.
		this.jdbc.sql("SET QUERY_STATISTICS_MAX_ENTRIES 1000").update();
		this.jdbc.sql("SET QUERY_STATISTICS TRUE").update();
		try {
			await().pollDelay(Duration.ofMillis(1500)).until(() -> true);
			Map<String, Long> statements = this.jdbc
				.sql("SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")
				.query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
				.list()
				.stream()
				.filter((entry) -> entry.getKey().contains("mail_delivery"))
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum));
			// Polled every 100 ms: the look at the queue ran, nothing was claimed.
			assertThat(statements).hasEntrySatisfying(lookBeforeClaiming(statements),
					(executions) -> assertThat(executions).isGreaterThanOrEqualTo(5));
			assertThat(statements.keySet()).noneMatch((sql) -> sql.contains("FOR UPDATE"))
				.noneMatch((sql) -> sql.contains("claim_id"));
		}
		finally {
			this.jdbc.sql("SET QUERY_STATISTICS FALSE").update();
		}
	}

	private static String lookBeforeClaiming(Map<String, Long> statements) {
		return statements.keySet()
			.stream()
			.filter((sql) -> sql.startsWith("SELECT id FROM mail_delivery") && sql.contains("FETCH FIRST 1 ROWS ONLY"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("The queue was not looked at: " + statements.keySet()));
	}

	private long dueWithin(Duration duration) {
		return this.jdbc.sql("SELECT COUNT(*) FROM mail_delivery WHERE status = 'PENDING' AND next_attempt_at <= :soon")
			.param("soon", OffsetDateTime.now(ZoneOffset.UTC).plus(duration))
			.query(Long.class)
			.single();
	}

	@Test
	void linksServeOnePurposeOnly() throws Exception {
		String address = address();
		subscribe(address, "[]");
		String confirmLink = confirmLink(awaitMails(address, 1).get(0));
		String token = confirmLink.substring(confirmLink.indexOf("token=") + 6);
		this.mvc.perform(post("/subscriptions/unsubscribe?token=" + token)).andExpect(status().isBadRequest());
		this.mvc.perform(get("/subscriptions/manage?token=" + token)).andExpect(status().isBadRequest());
		this.mvc.perform(get("/subscriptions/confirm?token=" + token.substring(0, token.length() - 2) + "AA"))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get(confirmLink)).andExpect(status().isOk());
	}

	@Test
	void aCategoryNoArticleCameWithIsRefusedAndNoMailGoesOut() throws Exception {
		String address = address();
		this.mvc.perform(subscribeRequest(address, "[\"Win at https://evil.example\"]"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("categories"));
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM subscriber WHERE email = :email")
			.param("email", address)
			.query(Long.class)
			.single()).isZero();
	}

	/** Categories as if articles had come with them: only those may be subscribed to. */
	private void knownCategories(String... names) {
		for (String name : names) {
			this.jdbc.sql("INSERT INTO article_category (article_id, category) VALUES (:id, :category)")
				.param("id", UUID.randomUUID())
				.param("category", name)
				.update();
		}
	}

	private void confirm(String address) throws Exception {
		String link = confirmLink(awaitMails(address, 1).get(0));
		this.mvc.perform(get(link)).andExpect(status().isOk());
	}

	private static String confirmLink(MimeMessage confirmation) throws Exception {
		Matcher matcher = Pattern.compile("http://localhost:8083(/subscriptions/confirm\\?token=[A-Za-z0-9_-]+)")
			.matcher(text(confirmation));
		assertThat(matcher.find()).as("a confirmation link").isTrue();
		return matcher.group(1);
	}

	private static String manageLink(MimeMessage alert) throws Exception {
		Matcher matcher = Pattern.compile("http://localhost:8083(/subscriptions/manage\\?token=[A-Za-z0-9_-]+)")
			.matcher(text(alert));
		assertThat(matcher.find()).as("a link to manage the subscription").isTrue();
		return matcher.group(1);
	}

	/**
	 * The plain-text part, decoded: with text that is not ASCII it is quoted-printable.
	 */
	private static String text(MimeMessage mail) throws Exception {
		return (String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent();
	}

	private static String html(MimeMessage mail) throws Exception {
		return (String) ((MimeMultipart) mail.getContent()).getBodyPart(1).getContent();
	}

	private static String link(String listUnsubscribe) {
		return listUnsubscribe.replaceAll("^<http://localhost:8083", "").replaceAll(">$", "");
	}

	private org.springframework.test.web.servlet.ResultActions subscribe(String address, String categories)
			throws Exception {
		return this.mvc.perform(subscribeRequest(address, categories));
	}

	private MockHttpServletRequestBuilder subscribeRequest(String address, String categories) {
		return withClient(post("/api/subscriptions")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"" + address + "\",\"categories\":" + categories + "}");
	}

	/** Each request from its own client, so that the rate limit is tested on its own. */
	private static MockHttpServletRequestBuilder withClient(MockHttpServletRequestBuilder request) {
		String client = "10.1." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
		return request.with((r) -> {
			r.setRemoteAddr(client);
			return r;
		});
	}

	private static List<MimeMessage> awaitMails(String address, int count) {
		await().atMost(PATIENCE).until(() -> mails(address).size() >= count);
		return mails(address);
	}

	private static List<MimeMessage> mails(String address) {
		return Arrays.stream(mailServer.getReceivedMessages()).filter((mail) -> {
			try {
				return Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
					.anyMatch((to) -> to.toString().equals(address));
			}
			catch (Exception ex) {
				return false;
			}
		}).toList();
	}

	private static String subject(MimeMessage mail) {
		try {
			return mail.getSubject();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String address() {
		return "reader-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
	}

	private static GreenMail start() {
		GreenMail greenMail = new GreenMail(SMTP);
		greenMail.start();
		return greenMail;
	}

}
