package org.syndication.notifier.bounce;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.syndication.notifier.InProcessNotifier;
import org.syndication.notifier.SubscriberRows;
import org.syndication.notifier.delivery.Deliveries;
import org.syndication.notifier.mail.ReturnPaths;
import org.syndication.testsupport.InProcessService;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A notifier that sends its alerts with return paths of their own through a real SMTP
 * server and reads its bounce mailbox from a real IMAP server (GreenMail), as in
 * production but without Kafka: the reports are dropped into that mailbox as a receiving
 * server's bounces and a feedback loop's complaints would arrive.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BounceMailboxTests {

	private static final String BOUNCES = "bounces@news.example.com";

	private static final Instant CONFIRMED = Instant.now().minus(1, ChronoUnit.HOURS);

	private GreenMail mailServer;

	private GreenMailUser bounceMailbox;

	private InProcessService notifier;

	private JdbcClient jdbc;

	private BounceMailbox mailbox;

	private ReturnPaths returnPaths;

	@BeforeAll
	void start() {
		this.mailServer = new GreenMail(
				new ServerSetup[] { ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort() });
		this.mailServer.start();
		this.bounceMailbox = this.mailServer.setUser(BOUNCES, BOUNCES, "bounce-password");
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", "jdbc:h2:mem:bounces-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		properties.put("notifier.dispatch-interval", "100ms");
		properties.put("notifier.bounces.address", BOUNCES);
		properties.put("notifier.bounces.imap.host", "127.0.0.1");
		properties.put("notifier.bounces.imap.port", String.valueOf(this.mailServer.getImap().getPort()));
		properties.put("notifier.bounces.imap.ssl", "false");
		properties.put("notifier.bounces.imap.username", BOUNCES);
		properties.put("notifier.bounces.imap.password", "bounce-password");
		// Read by the test, not by the schedule.
		properties.put("notifier.bounces.interval", "1h");
		this.notifier = InProcessNotifier.start(properties, this.mailServer.getSmtp().getPort());
		this.jdbc = this.notifier.bean(JdbcClient.class);
		this.mailbox = this.notifier.bean(BounceMailbox.class);
		this.returnPaths = this.notifier.bean(ReturnPaths.class);
		// Once the schedule's reading at start is over, the tests read alone.
		read();
	}

	@AfterAll
	void stop() {
		if (this.notifier != null) {
			this.notifier.close();
		}
		if (this.mailServer != null) {
			this.mailServer.stop();
		}
	}

	@BeforeEach
	void emptyEverything() throws Exception {
		for (String table : new String[] { "bounce_report", "mail_delivery", "article_alert", "suppression",
				"subscriber" }) {
			this.jdbc.sql("DELETE FROM " + table).update();
		}
		this.mailServer.purgeEmailFromAllMailboxes();
	}

	@Test
	void aHardBounceSuppressesTheAddressAndNothingMoreGoesToIt() throws Exception {
		UUID gone = SubscriberRows.insert(this.jdbc, "gone@example.net", "CONFIRMED", List.of(), CONFIRMED);
		SubscriberRows.insert(this.jdbc, "reader@example.net", "CONFIRMED", List.of(), CONFIRMED);
		alert(2);
		MimeMessage sent = received("gone@example.net");
		String returnPath = returnPath(sent);
		assertThat(returnPath).startsWith("bounces+").endsWith("@news.example.com");
		assertThat(this.returnPaths.delivery(returnPath)).hasValue(deliveryOf(gone));

		drop(Reports.deliveryStatus(returnPath, "gone@example.net", "failed", "5.1.1"));
		BounceMailbox.Read read = read();

		assertThat(read).isEqualTo(new BounceMailbox.Read(1, 0));
		assertThat(suppressionReason("gone@example.net")).isEqualTo("bounced");
		assertThat(suppressionReason("reader@example.net")).isNull();
		assertThat(folder("INBOX")).isZero();
		assertThat(folder("Processed")).isOne();
		// The next article reaches the other subscriber only.
		alert(1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.mailServer.getReceivedMessagesForDomain("example.net").length == 3);
		assertThat(this.mailServer.getReceivedMessagesForDomain("example.net")).extracting(this::recipient)
			.containsExactlyInAnyOrder("gone@example.net", "reader@example.net", "reader@example.net");
	}

	@Test
	void aReportReadAgainIsAppliedOnceAndMailThatIsNoReportOfOursIsKeptAside() throws Exception {
		UUID reader = SubscriberRows.insert(this.jdbc, "reader@example.net", "CONFIRMED", List.of(), CONFIRMED);
		alert(1);
		String returnPath = returnPath(received("reader@example.net"));
		String delayed = Reports.deliveryStatus(returnPath, "reader@example.net", "delayed", "4.2.2");
		String forged = Reports.deliveryStatus(returnPath.replaceFirst("-[a-z2-7]{16}@", "-aaaaaaaaaaaaaaaa@"),
				"reader@example.net", "failed", "5.1.1");

		drop(delayed);
		drop(delayed);
		drop(forged);
		drop(Reports.autoReply(BOUNCES));
		drop(Reports.truncated(BOUNCES));
		BounceMailbox.Read read = read();

		assertThat(read).isEqualTo(new BounceMailbox.Read(2, 3));
		assertThat(suppressionReason("reader@example.net")).isNull();
		assertThat(this.jdbc.sql("SELECT kind FROM bounce_report WHERE subscriber_id = :s")
			.param("s", reader)
			.query(String.class)
			.list()).containsExactly("TRANSIENT");
		assertThat(folder("INBOX")).isZero();
		assertThat(folder("Processed")).isEqualTo(2);
		assertThat(folder("Kept aside")).isEqualTo(3);
	}

	@Test
	void temporaryFailuresOfThreeMailsSuppressTheAddressNotFewer() throws Exception {
		SubscriberRows.insert(this.jdbc, "full@example.net", "CONFIRMED", List.of(), CONFIRMED);
		for (int article = 1; article <= 3; article++) {
			alert(1);
		}
		List<String> returnPaths = returnPathsOf("full@example.net", 3);

		drop(Reports.deliveryStatus(returnPaths.get(0), "full@example.net", "delayed", "4.2.2"));
		drop(Reports.deliveryStatus(returnPaths.get(1), "full@example.net", "failed", "4.4.7"));
		read();
		assertThat(suppressionReason("full@example.net")).isNull();

		drop(Reports.deliveryStatus(returnPaths.get(2), "full@example.net", "delayed", "4.2.2"));
		read();
		assertThat(suppressionReason("full@example.net")).isEqualTo("bounced");
	}

	@Test
	void aComplaintUnsubscribesAndSuppresses() throws Exception {
		UUID angry = SubscriberRows.insert(this.jdbc, "angry@example.org", "CONFIRMED", List.of(), CONFIRMED);
		alert(1);
		String returnPath = returnPath(received("angry@example.org"));

		drop(Reports.complaint(returnPath, "angry@example.org", "abuse"));
		assertThat(read()).isEqualTo(new BounceMailbox.Read(1, 0));

		assertThat(suppressionReason("angry@example.org")).isEqualTo("complained");
		assertThat(this.jdbc.sql("SELECT status FROM subscriber WHERE id = :id")
			.param("id", angry)
			.query(String.class)
			.single()).isEqualTo("UNSUBSCRIBED");
	}

	/**
	 * Reads the bounce mailbox as the schedule does. The schedule's own first reading, at
	 * start, may hold the lock that lets one reader in at a time: then this waits for it.
	 */
	private BounceMailbox.Read read() {
		AtomicReference<BounceMailbox.Read> read = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
			read.set(this.mailbox.read());
			return read.get() != null;
		});
		return read.get();
	}

	/**
	 * Queues one article's alerts to every confirmed subscriber and waits until they are
	 * sent.
	 */
	private void alert(int expected) {
		UUID article = UUID.randomUUID();
		Instant now = Instant.now();
		this.jdbc
			.sql("""
					INSERT INTO article_alert (article_id, version, title, url, language, published_at, retracted, received_at)
					VALUES (:id, 1, 'Rivers return to three cities', 'https://news.example.com/a', 'en', :now, FALSE, :now)""")
			.param("id", article)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
		Deliveries deliveries = this.notifier.bean(Deliveries.class);
		int queued = new TransactionTemplate(this.notifier.bean(PlatformTransactionManager.class))
			.execute((status) -> deliveries.enqueueAlerts(new Deliveries.Alert(article, List.of(), false, now),
					Deliveries.SubscriberRange.all(), now));
		assertThat(queued).isEqualTo(expected);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("SELECT COUNT(*) FROM mail_delivery WHERE status = 'PENDING'")
				.query(Long.class)
				.single() == 0);
	}

	private MimeMessage received(String recipient) {
		for (MimeMessage message : this.mailServer.getReceivedMessages()) {
			if (recipient.equals(recipient(message))) {
				return message;
			}
		}
		throw new AssertionError("No mail to " + recipient);
	}

	private List<String> returnPathsOf(String recipient, int count) {
		List<String> paths = new java.util.ArrayList<>();
		for (MimeMessage message : this.mailServer.getReceivedMessages()) {
			if (recipient.equals(recipient(message))) {
				paths.add(returnPath(message));
			}
		}
		assertThat(paths).hasSize(count).doesNotHaveDuplicates();
		return paths;
	}

	/** The envelope sender, which the receiving server records as Return-Path. */
	private String returnPath(MimeMessage message) {
		try {
			String[] values = message.getHeader("Return-Path");
			assertThat(values).as("Return-Path").isNotNull().hasSize(1);
			return values[0].replaceAll("[<>\\s]", "");
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String recipient(MimeMessage message) {
		try {
			return message.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long deliveryOf(UUID subscriber) {
		return this.jdbc.sql("SELECT id FROM mail_delivery WHERE subscriber_id = :s")
			.param("s", subscriber)
			.query(Long.class)
			.single();
	}

	private String suppressionReason(String emailKey) {
		return this.jdbc.sql("SELECT reason FROM suppression WHERE email_key = :key")
			.param("key", emailKey)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	/** Puts a mail into the bounce mailbox, as the mail server delivers one. */
	private void drop(String raw) throws MessagingException {
		this.bounceMailbox.deliver(Reports.parse(raw));
	}

	private int folder(String name) throws MessagingException {
		Store store = this.mailServer.getImap().createSession().getStore("imap");
		store.connect(BOUNCES, "bounce-password");
		try {
			Folder folder = store.getFolder(name);
			return folder.exists() ? folder.getMessageCount() : 0;
		}
		finally {
			store.close();
		}
	}

}
