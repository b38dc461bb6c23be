package org.syndication.notifier.alert;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syndication.events.ArticleEvents;
import org.syndication.localstack.FreePorts;
import org.syndication.notifier.SubscriberRows;
import org.syndication.testsupport.EmbeddedKafkaBinder;
import org.syndication.testsupport.TopicWriter;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.binding.BindingsLifecycleController.State;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database restored from a backup older than the consumer group's offsets, as the
 * README's runbook does it, on a real broker and a real SMTP server: the notifier reads
 * again, from the position the backup holds, the events it is missing and records their
 * articles, mails no alert a second time, and mails the next article's alert once.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:notifier-restore;DB_CLOSE_DELAY=-1",
		"notifier.token-secret=test-secret-test-secret-test-secret-42", "notifier.dispatch-interval=100ms",
		"notifier.mail.connect-timeout=1s" })
@EmbeddedKafkaBinder(partitions = 3)
class RestoreFromBackupTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final ServerSetup SMTP = new ServerSetup(FreePorts.find(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

	private static final GreenMail mailServer = start();

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private BindingsLifecycleController bindings;

	@TempDir
	private Path backups;

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", SMTP::getPort);
	}

	@AfterAll
	static void stopMail() {
		mailServer.stop();
	}

	@Test
	void aDatabaseRestoredFromAnOlderBackupRecordsTheMissingArticlesAndMailsNoAlertTwice() {
		String address = "restored-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		SubscriberRows.insert(this.jdbc, address, "CONFIRMED", List.of(), Instant.now().minusSeconds(60));
		ArticleEvents.Builder first = ArticleEvents.justPublished().title("Before the backup");
		List<ArticleEvents.Builder> later = List.of(ArticleEvents.justPublished().title("After the backup, one"),
				ArticleEvents.justPublished().title("After the backup, two"),
				ArticleEvents.justPublished().title("After the backup, three"));
		ArticleEvents.Builder next = ArticleEvents.justPublished().title("After the restore");
		try (TopicWriter topic = new TopicWriter(this.broker.getBrokersAsString())) {
			topic.send(first.published());
			await().atMost(PATIENCE).until(() -> mails(address).size() == 1 && unsent() == 0);

			Path backup = this.backups.resolve("notifier-service.sql");
			this.jdbc.sql("SCRIPT TO '" + backup + "'").query().listOfRows();

			later.forEach((article) -> topic.send(article.published()));
			await().atMost(PATIENCE).until(() -> mails(address).size() == 4 && unsent() == 0);

			// The runbook: stop, restore the backup into an empty database, start.
			this.bindings.changeState("articles-in-0", State.STOPPED);
			this.jdbc.sql("DROP ALL OBJECTS").update();
			this.jdbc.sql("RUNSCRIPT FROM '" + backup + "'").update();
			assertThat(articles(false)).isEqualTo(1);
			// As if the backup had been taken while the first alert waited for another
			// attempt, which the lost database made.
			this.jdbc
				.sql("UPDATE mail_delivery SET status = 'PENDING', next_attempt_at = :later WHERE article_id = :id")
				.param("later", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1))
				.param("id", first.id())
				.update();
			this.bindings.changeState("articles-in-0", State.STARTED);

			await().atMost(PATIENCE).until(() -> articles(true) == 3);
			assertThat(articles(false)).isEqualTo(1);
			assertThat(this.jdbc.sql("SELECT status FROM mail_delivery WHERE article_id = :id")
				.param("id", first.id())
				.query(String.class)
				.single()).isEqualTo("CANCELLED");
			await().during(Duration.ofSeconds(2))
				.atMost(PATIENCE)
				.until(() -> mails(address).size() == 4 && unsent() == 0);

			topic.send(next.published());
			await().atMost(PATIENCE).until(() -> mails(address).size() == 5);
			await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> mails(address).size() == 5);
			assertThat(mails(address).stream().map(RestoreFromBackupTests::subject)).containsExactlyInAnyOrder(
					"Before the backup", "After the backup, one", "After the backup, two", "After the backup, three",
					"After the restore");
		}
	}

	/** The articles recorded, read again after the restore or not. */
	private int articles(boolean replayed) {
		return this.jdbc.sql("SELECT COUNT(*) FROM article_alert WHERE replayed = :replayed")
			.param("replayed", replayed)
			.query(Integer.class)
			.single();
	}

	/** Mail queued and not sent, and alerts still to queue. */
	private int unsent() {
		return this.jdbc.sql("SELECT COUNT(*) FROM mail_delivery WHERE status = 'PENDING'")
			.query(Integer.class)
			.single() + this.jdbc.sql("SELECT COUNT(*) FROM alert_fanout").query(Integer.class).single();
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
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static GreenMail start() {
		GreenMail greenMail = new GreenMail(SMTP);
		greenMail.start();
		return greenMail;
	}

}
