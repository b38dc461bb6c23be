package org.syndication.notifier.delivery;

import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvents;
import org.syndication.localstack.FreePorts;
import org.syndication.testsupport.EmbeddedKafkaBinder;
import org.syndication.testsupport.TopicWriter;
import org.syndication.testsupport.ZipkinCollector;
import org.syndication.testsupport.ZipkinCollector.Span;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A publication continues its trace through the notifier: the record's
 * {@code traceparent} is the parent of the span that applied it, and that span the parent
 * of the queueing of its alerts and of the sending of its mails, one span per article and
 * claimed chunk rather than per mail. No span names a reader.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:notifier-tracing;DB_CLOSE_DELAY=-1",
		"notifier.token-secret=test-secret-test-secret-test-secret-42", "notifier.dispatch-interval=100ms",
		"notifier.mail.connect-timeout=1s", "management.tracing.export.enabled=true",
		"management.tracing.sampling.probability=1.0" })
@EmbeddedKafkaBinder(partitions = 3)
@AutoConfigureMockMvc
class TracingTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final ServerSetup SMTP = new ServerSetup(FreePorts.find(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

	private static final GreenMail MAIL = start();

	private static final ZipkinCollector ZIPKIN = new ZipkinCollector();

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", SMTP::getPort);
		registry.add("management.tracing.export.zipkin.endpoint", ZIPKIN::endpoint);
	}

	@AfterAll
	static void stop() {
		MAIL.stop();
		ZIPKIN.close();
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private EmbeddedKafkaBroker broker;

	private TopicWriter topic;

	@BeforeEach
	void openTopic() {
		this.topic = new TopicWriter(this.broker.getBrokersAsString());
	}

	@AfterEach
	void closeTopic() {
		this.topic.close();
	}

	@Test
	void aTracedPublicationIsQueuedAndMailedInItsTraceAndNoSpanNamesTheReader() throws Exception {
		String address = "reader-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		this.mvc
			.perform(post("/api/subscriptions").contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\":\"" + address + "\",\"categories\":[]}"))
			.andExpect(status().isAccepted());
		this.mvc.perform(get(confirmLink(awaitMails(address, 1).get(0)))).andExpect(status().isOk());

		String traceId = randomHex(16);
		String sendSpan = randomHex(8);
		ArticleEvents.Builder article = ArticleEvents.justPublished().title("Traced to the inbox");
		this.topic.send(article.published(), "00-" + traceId + "-" + sendSpan + "-01");
		awaitMails(address, 2);

		List<Span> trace = await().atMost(PATIENCE)
			.until(() -> ZIPKIN.trace(traceId),
					(spans) -> spans.stream()
						.map(Span::name)
						.toList()
						.containsAll(List.of("notifier apply", "alert queueing", "mail send")));
		Span apply = named(trace, "notifier apply");
		assertThat(apply.kind()).isEqualTo("CONSUMER");
		assertThat(apply.service()).isEqualTo("notifier-service");
		assertThat(apply.parentId()).isEqualTo(sendSpan);
		assertThat(apply.tags()).containsEntry("article.id", article.id().toString());
		Span queueing = named(trace, "alert queueing");
		assertThat(queueing.parentId()).isEqualTo(apply.id());
		assertThat(queueing.tags()).containsEntry("article.id", article.id().toString())
			.containsEntry("alerts.queued", "1");
		Span send = named(trace, "mail send");
		assertThat(send.parentId()).isEqualTo(apply.id());
		assertThat(send.tags()).containsEntry("article.id", article.id().toString())
			.containsEntry("mail.count", "1")
			.containsEntry("mail.sent", "1")
			.containsEntry("mail.failed", "0");

		assertThat(ZIPKIN.spans()).allSatisfy((span) -> assertThat(span.tags().values())
			.noneMatch((value) -> value.contains(address) || value.contains("@") || value.contains("token=")));
	}

	private static Span named(List<Span> trace, String name) {
		return trace.stream().filter((span) -> name.equals(span.name())).findFirst().orElseThrow();
	}

	private static String confirmLink(MimeMessage confirmation) {
		Matcher matcher = Pattern.compile("http://localhost:8083(/subscriptions/confirm\\?token=[A-Za-z0-9_-]+)")
			.matcher(GreenMailUtil.getBody(confirmation));
		assertThat(matcher.find()).as("a confirmation link").isTrue();
		return matcher.group(1);
	}

	private static List<MimeMessage> awaitMails(String address, int count) {
		await().atMost(PATIENCE).until(() -> mails(address).size() >= count);
		return mails(address);
	}

	private static List<MimeMessage> mails(String address) {
		return Arrays.stream(MAIL.getReceivedMessages()).filter((mail) -> {
			try {
				return Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
					.anyMatch((to) -> to.toString().equals(address));
			}
			catch (Exception ex) {
				return false;
			}
		}).toList();
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	private static GreenMail start() {
		GreenMail greenMail = new GreenMail(SMTP);
		greenMail.start();
		return greenMail;
	}

}
