package org.syndication.notifier.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

class SmtpMailerTests {

	private static final String HOST = "127.0.0.1";

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	private final List<AutoCloseable> toClose = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.toClose) {
			closeable.close();
		}
	}

	@Test
	void chineseAlertArrivesWithSubjectAndBothPartsIntact() throws Exception {
		MailSettings settings = settings(4, 2000, 1000, Duration.ofSeconds(5));
		SmtpMailer mailer = mailer(greenMail.getSmtp().getPort(), settings);
		OutgoingMail mail = Composers.of(settings)
			.alert(ArticleContents.inChinese(), "reader@example.net", "https://alerts.example.com/unsubscribe/t0k3n",
					"https://alerts.example.com/subscriptions/t0k3n");
		RecordedOutcomes outcomes = new RecordedOutcomes();

		mailer.send(List.of(mail), outcomes);

		assertThat(outcomes.single(mail)).isEqualTo(new SendOutcome.Accepted());
		assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
		MimeMessage received = greenMail.getReceivedMessages()[0];
		String raw = GreenMailUtil.getWholeMessage(received);
		assertThat(raw).containsPattern("(?m)^Subject: =\\?UTF-8\\?[BQ]\\?")
			.containsPattern("(?mi)^Content-Type: multipart/alternative;")
			.containsPattern("(?mi)^Content-Type: text/plain; charset=UTF-8")
			.containsPattern("(?mi)^Content-Type: text/html; charset=UTF-8")
			.containsPattern("(?m)^List-Unsubscribe: <https://alerts.example.com/unsubscribe/t0k3n>\\r?$")
			.containsPattern("(?m)^List-Unsubscribe-Post: List-Unsubscribe=One-Click\\r?$");
		assertThat(received.getSubject()).isEqualTo("城市河流重见天日：三座城市的复兴之路");
		assertThat(received.getMessageID()).isEqualTo(mail.messageId());
		MimeMultipart parts = (MimeMultipart) received.getContent();
		assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
		assertThat((String) parts.getBodyPart(0).getContent()).contains("如今它们重新露出地面。")
			.contains("https://alerts.example.com/unsubscribe/t0k3n");
		assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
		assertThat((String) parts.getBodyPart(1).getContent()).contains("<h1", "城市河流重见天日");
	}

	@Test
	void titleWithLineBreaksReachesOnlyTheRecipient() throws Exception {
		MailSettings settings = settings(4, 2000, 1000, Duration.ofSeconds(5));
		SmtpMailer mailer = mailer(greenMail.getSmtp().getPort(), settings);
		OutgoingMail mail = Composers.of(settings)
			.alert(ArticleContents.titled("Hi\r\nBcc: evil@example.org"), "reader@example.net",
					"https://alerts.example.com/u/1", "https://alerts.example.com/m/1");

		mailer.send(List.of(mail), new RecordedOutcomes());

		assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
		MimeMessage received = greenMail.getReceivedMessages()[0];
		assertThat(received.getHeader("Bcc")).isNull();
		assertThat(Arrays.stream(received.getAllRecipients()).map(Object::toString))
			.containsExactly("reader@example.net");
		assertThat(received.getSubject()).isEqualTo("Hi Bcc: evil@example.org");
		assertThat(greenMail.getReceivedMessagesForDomain("example.org")).isEmpty();
	}

	@Test
	void twoHundredMailsOverFourConnectionsArriveOnceEachAndAreReportedOnceEach() throws Exception {
		SmtpMailer mailer = mailer(greenMail.getSmtp().getPort(), settings(4, 2000, 1000, Duration.ofSeconds(5)));
		List<OutgoingMail> mails = alerts(200, 0);
		RecordedOutcomes outcomes = new RecordedOutcomes();

		mailer.send(mails, outcomes);

		assertThat(outcomes.calls()).isEqualTo(200);
		assertThat(mails).allSatisfy((mail) -> assertThat(outcomes.single(mail)).isEqualTo(new SendOutcome.Accepted()));
		assertThat(greenMail.waitForIncomingEmail(10_000, 200)).isTrue();
		await().during(Duration.ofMillis(200))
			.atMost(Duration.ofSeconds(2))
			.until(() -> greenMail.getReceivedMessages().length == 200);
		Set<String> receivedIds = Arrays.stream(greenMail.getReceivedMessages())
			.map(SmtpMailerTests::messageId)
			.collect(Collectors.toSet());
		assertThat(receivedIds).hasSize(200)
			.isEqualTo(mails.stream().map(OutgoingMail::messageId).collect(Collectors.toSet()));
	}

	@Test
	void connectionsStayOpenAcrossMailsAndBatches() throws Exception {
		FakeSmtpServer server = fakeServer();
		SmtpMailer mailer = mailer(server.port(), settings(4, 10_000, 1000, Duration.ofSeconds(5)));

		mailer.send(alerts(200, 0), new RecordedOutcomes());
		mailer.send(alerts(100, 200), new RecordedOutcomes());

		assertThat(server.deliveredTo()).hasSize(300);
		assertThat(server.connections()).isBetween(1, 4);
	}

	@Test
	void connectionIsOpenedAnewAfterMessagesPerConnection() throws Exception {
		FakeSmtpServer server = fakeServer();
		SmtpMailer mailer = mailer(server.port(), settings(4, 10_000, 30, Duration.ofSeconds(5)));

		mailer.send(alerts(200, 0), new RecordedOutcomes());

		assertThat(server.deliveredTo()).hasSize(200);
		assertThat(server.mostMessagesOnOneConnection()).isEqualTo(30);
		// ceil(200 / 30) = 7 at least; at most one partly used connection per worker more
		assertThat(server.connections()).isBetween(7, 7 + 4);
	}

	@Test
	void refusedAddressFailsPermanentlyAndOnlyThatMail() throws Exception {
		FakeSmtpServer server = fakeServer().refuse("reader5@example.net", "550 5.1.1 no such user");
		SmtpMailer mailer = mailer(server.port(), settings(2, 10_000, 1000, Duration.ofSeconds(5)));
		List<OutgoingMail> mails = alerts(20, 0);
		RecordedOutcomes outcomes = new RecordedOutcomes();

		mailer.send(mails, outcomes);

		assertThat(outcomes.single(mails.get(5))).isEqualTo(new SendOutcome.PermanentFailure("550 5.1.1 no such user"));
		assertThat(mails).filteredOn((mail) -> mail != mails.get(5))
			.allSatisfy((mail) -> assertThat(outcomes.single(mail)).isEqualTo(new SendOutcome.Accepted()));
		assertThat(server.deliveredTo()).hasSize(19).doesNotContain("reader5@example.net");
		assertThat(server.connections()).isLessThanOrEqualTo(2);
	}

	@Test
	void temporarilyRefusedAddressFailsTransiently() throws Exception {
		FakeSmtpServer server = fakeServer().refuse("reader1@example.net", "450 4.2.1 try again later");
		SmtpMailer mailer = mailer(server.port(), settings(1, 10_000, 1000, Duration.ofSeconds(5)));
		List<OutgoingMail> mails = alerts(3, 0);
		RecordedOutcomes outcomes = new RecordedOutcomes();

		mailer.send(mails, outcomes);

		assertThat(outcomes.single(mails.get(1)))
			.isEqualTo(new SendOutcome.TransientFailure("450 4.2.1 try again later"));
		assertThat(outcomes.single(mails.get(0))).isEqualTo(new SendOutcome.Accepted());
		assertThat(outcomes.single(mails.get(2))).isEqualTo(new SendOutcome.Accepted());
	}

	@Test
	void malformedRecipientFailsPermanentlyWithoutHarmingTheOthers() throws Exception {
		FakeSmtpServer server = fakeServer();
		MailSettings settings = settings(1, 10_000, 1000, Duration.ofSeconds(5));
		SmtpMailer mailer = mailer(server.port(), settings);
		OutgoingMail malformed = Composers.of(settings)
			.confirmation("not an address", "https://alerts.example.com/confirm/1", List.of());
		OutgoingMail fine = Composers.of(settings)
			.confirmation("reader@example.net", "https://alerts.example.com/confirm/2", List.of());
		RecordedOutcomes outcomes = new RecordedOutcomes();

		mailer.send(List.of(malformed, fine), outcomes);

		assertThat(outcomes.single(malformed)).isInstanceOf(SendOutcome.PermanentFailure.class);
		assertThat(outcomes.single(fine)).isEqualTo(new SendOutcome.Accepted());
	}

	@Test
	void serverDownFailsEveryMailTransientlyAtOnceAndTheMailerRecoversWhenItIsBack() throws Exception {
		int port = freePort();
		SmtpMailer mailer = mailer(port, settings(4, 10_000, 1000, Duration.ofSeconds(5)));
		List<OutgoingMail> mails = alerts(50, 0);
		RecordedOutcomes outcomes = new RecordedOutcomes();

		long started = System.nanoTime();
		mailer.send(mails, outcomes);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		assertThat(mails)
			.allSatisfy((mail) -> assertThat(outcomes.single(mail)).isInstanceOf(SendOutcome.TransientFailure.class));
		assertThat(health(port).health().getStatus()).isEqualTo(Status.DOWN);

		FakeSmtpServer server = fakeServer(port);
		RecordedOutcomes afterwards = new RecordedOutcomes();
		mailer.send(mails, afterwards);

		assertThat(mails)
			.allSatisfy((mail) -> assertThat(afterwards.single(mail)).isEqualTo(new SendOutcome.Accepted()));
		assertThat(server.deliveredTo()).hasSize(50);
		assertThat(health(port).health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void serverThatNeverAnswersFailsTheBatchAfterOneTimeoutNotOnePerMail() throws Exception {
		// Connections complete in the backlog but the server never says hello.
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			SmtpMailer mailer = mailer(silent.getLocalPort(), settings(4, 10_000, 1000, Duration.ofSeconds(1)));
			List<OutgoingMail> mails = alerts(100, 0);
			RecordedOutcomes outcomes = new RecordedOutcomes();

			// One timeout per mail would take 100 / 4 * 1 s = 25 s.
			long started = System.nanoTime();
			mailer.send(mails, outcomes);

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
			assertThat(mails).allSatisfy(
					(mail) -> assertThat(outcomes.single(mail)).isInstanceOf(SendOutcome.TransientFailure.class));
		}
	}

	@Test
	void connectionDroppedByTheServerIsOpenedAgain() throws Exception {
		FakeSmtpServer server = fakeServer();
		SmtpMailer mailer = mailer(server.port(), settings(1, 10_000, 1000, Duration.ofSeconds(5)));
		mailer.send(alerts(3, 0), new RecordedOutcomes());
		server.dropConnections();
		List<OutgoingMail> mails = alerts(5, 3);
		RecordedOutcomes outcomes = new RecordedOutcomes();

		mailer.send(mails, outcomes);

		// The first mail finds the old connection dead: it may or may not have gone out,
		// so it is reported as transient; the next ones use a new connection.
		assertThat(outcomes.single(mails.get(0))).isInstanceOf(SendOutcome.TransientFailure.class);
		assertThat(mails.subList(1, 5))
			.allSatisfy((mail) -> assertThat(outcomes.single(mail)).isEqualTo(new SendOutcome.Accepted()));
		assertThat(server.deliveredTo()).hasSize(3 + 4);
		assertThat(server.connections()).isEqualTo(2);
	}

	@Test
	void rateLimitSpreadsMailsOverTime() throws Exception {
		FakeSmtpServer server = fakeServer();
		SmtpMailer mailer = mailer(server.port(), settings(4, 50, 1000, Duration.ofSeconds(5)));
		RecordedOutcomes outcomes = new RecordedOutcomes();

		long started = System.nanoTime();
		mailer.send(alerts(100, 0), outcomes);

		// 5 at once, then 95 at 50 a second: about 1.9 s. The upper bound only catches a
		// limiter far too strict; it is loose because loaded build machines are slow.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1500),
				Duration.ofSeconds(30));
		assertThat(server.deliveredTo()).hasSize(100);
	}

	@Test
	void failingCallbackStopsTheBatchAndIsRethrown() throws Exception {
		FakeSmtpServer server = fakeServer();
		SmtpMailer mailer = mailer(server.port(), settings(1, 10_000, 1000, Duration.ofSeconds(5)));
		List<OutgoingMail> mails = alerts(10, 0);
		List<OutgoingMail> reported = new ArrayList<>();

		Throwable thrown = catchThrowable(() -> mailer.send(mails, (mail, outcome) -> {
			reported.add(mail);
			if (reported.size() == 3) {
				throw new IllegalStateException("database down");
			}
		}));

		assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("database down");
		assertThat(reported).hasSize(3);
		assertThat(server.deliveredTo()).hasSize(3);
	}

	@Test
	void mailsTheSenderWithholdsAreNotStartedAndGetNoOutcome() throws Exception {
		FakeSmtpServer server = fakeServer();
		SmtpMailer mailer = mailer(server.port(), settings(2, 10_000, 1000, Duration.ofSeconds(5)));
		List<OutgoingMail> mails = alerts(20, 0);
		RecordedOutcomes outcomes = new RecordedOutcomes();
		AtomicInteger asked = new AtomicInteger();

		// Asked when a mail is taken and again right before it is handed to the server:
		// yes for about five mails, no from then on.
		mailer.send(mails, () -> asked.incrementAndGet() <= 10, outcomes);

		assertThat(outcomes.mails()).isEqualTo(server.deliveredTo().size()).isBetween(1, 5);
		assertThat(mails).filteredOn((mail) -> !outcomes.of(mail).isEmpty())
			.allSatisfy((mail) -> assertThat(outcomes.single(mail)).isEqualTo(new SendOutcome.Accepted()));
	}

	@Test
	void healthFollowsTheServer() throws Exception {
		FakeSmtpServer server = fakeServer();
		SmtpHealthIndicator health = health(server.port());

		assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		server.close();
		assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void closedMailerSendsNothing() {
		SmtpMailer mailer = mailer(freePort(), settings(1, 10_000, 1000, Duration.ofSeconds(5)));
		mailer.close();

		assertThatIllegalStateException().isThrownBy(() -> mailer.send(alerts(1, 0), new RecordedOutcomes()));
	}

	private static MailSettings settings(int connections, int messagesPerSecond, int messagesPerConnection,
			Duration timeout) {
		return new MailSettings("Syndication <alerts@news.example.com>", "<alerts.news.example.com>", connections,
				messagesPerSecond, messagesPerConnection, timeout, timeout, timeout);
	}

	private SmtpMailer mailer(int port, MailSettings settings) {
		SmtpMailer mailer = new SmtpMailer(new SmtpServer(HOST, port, null, null, settings, Map.of()), settings,
				new MimeMessages(settings), DkimSigning.off());
		this.toClose.add(mailer);
		return mailer;
	}

	private static SmtpHealthIndicator health(int port) {
		MailSettings settings = settings(1, 10_000, 1000, Duration.ofSeconds(5));
		return new SmtpHealthIndicator(new SmtpServer(HOST, port, null, null, settings, Map.of()));
	}

	private FakeSmtpServer fakeServer() throws IOException {
		FakeSmtpServer server = FakeSmtpServer.start();
		this.toClose.add(server);
		return server;
	}

	private FakeSmtpServer fakeServer(int port) throws IOException {
		FakeSmtpServer server = FakeSmtpServer.startOn(port);
		this.toClose.add(server);
		return server;
	}

	private static List<OutgoingMail> alerts(int count, int firstReader) {
		MailComposer composer = Composers.of(settings(1, 1, 1, Duration.ofSeconds(1)));
		return IntStream.range(firstReader, firstReader + count)
			.mapToObj((i) -> composer.alert(ArticleContents.anArticle(), "reader" + i + "@example.net",
					"https://alerts.example.com/unsubscribe/" + i, "https://alerts.example.com/subscriptions/" + i))
			.toList();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
