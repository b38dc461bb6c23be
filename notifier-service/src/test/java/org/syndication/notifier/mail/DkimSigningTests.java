package org.syndication.notifier.mail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DkimSigningTests {

	private static final String DOMAIN = "news.example.com";

	private static final String SELECTOR = "alerts2026";

	private static final KeyPair KEY = generate("RSA", 2048);

	/** The TXT record as an operator would publish it, made from the public key here. */
	private static final String PUBLISHED = "v=DKIM1; k=rsa; p="
			+ Base64.getEncoder().encodeToString(KEY.getPublic().getEncoded());

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	private final MailSettings settings = new MailSettings("Syndication <alerts@news.example.com>",
			"<alerts.news.example.com>", 2, 1000, 1000, Duration.ofSeconds(5), Duration.ofSeconds(5),
			Duration.ofSeconds(5));

	private final MailComposer composer = Composers.of(this.settings);

	private final List<AutoCloseable> toClose = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.toClose) {
			closeable.close();
		}
	}

	@Test
	void alertsDigestsAndConfirmationsArriveSignedOverTheUnsubscribeHeadersAndVerifyAgainstThePublishedKey()
			throws Exception {
		DkimSigning signing = DkimSigning.of(new DkimSettings(DOMAIN, SELECTOR, pem(KEY)), "news.example.com");
		List<OutgoingMail> mails = List.of(this.composer.alert(ArticleContents.inChinese(), "reader@example.net",
				"https://alerts.example.com/unsubscribe/t0k3n", "https://alerts.example.com/subscriptions/t0k3n"),
				this.composer.digest("Syndication", "daily",
						List.of(ArticleContents.anArticle(), ArticleContents.titled("Zweiter Bericht über Äpfel")),
						"digest@example.net", "https://alerts.example.com/unsubscribe/d1g",
						"https://alerts.example.com/subscriptions/d1g", "digest-key-1"),
				this.composer.confirmation("new@example.net", "https://alerts.example.com/confirm/c0nf",
						List.of("science")));

		send(signing, mails);

		assertThat(greenMail.waitForIncomingEmail(5000, 3)).isTrue();
		for (MimeMessage received : greenMail.getReceivedMessages()) {
			String raw = GreenMailUtil.getWholeMessage(received);
			List<SignatureRecord> signatures = verify(raw);
			assertThat(signatures).singleElement().satisfies((signature) -> {
				assertThat(signature.getDToken()).hasToString(DOMAIN);
				assertThat(signature.getSelector()).hasToString(SELECTOR);
				assertThat(signature.getHashKeyType()).hasToString("rsa");
				assertThat(signature.getHashMethod()).hasToString("sha256");
				assertThat(signature.getHeaders().stream().map((name) -> name.toString().toLowerCase(Locale.ROOT)))
					.contains("from", "to", "subject", "date", "message-id", "mime-version", "content-type");
			});
			if (received.getHeader("List-Unsubscribe") != null) {
				assertThat(
						signatures.get(0).getHeaders().stream().map((name) -> name.toString().toLowerCase(Locale.ROOT)))
					.contains("list-id", "list-unsubscribe", "list-unsubscribe-post");
			}
		}
		// The alert and the digest carry one-click unsubscribe; the confirmation does
		// not.
		int oneClick = 0;
		for (MimeMessage received : greenMail.getReceivedMessages()) {
			oneClick += (received.getHeader("List-Unsubscribe-Post") != null) ? 1 : 0;
		}
		assertThat(oneClick).isEqualTo(2);
	}

	@Test
	void aMailChangedAfterSigningFailsVerification() throws Exception {
		DkimSigning signing = DkimSigning.of(new DkimSettings(DOMAIN, SELECTOR, pem(KEY)), "news.example.com");
		send(signing,
				List.of(this.composer.alert(ArticleContents.titled("Rivers return to three cities"),
						"reader@example.net", "https://alerts.example.com/unsubscribe/t0k3n",
						"https://alerts.example.com/subscriptions/t0k3n")));
		assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
		String raw = GreenMailUtil.getWholeMessage(greenMail.getReceivedMessages()[0]);
		assertThat(verify(raw)).hasSize(1);

		String otherSubject = raw.replaceFirst("(?m)^Subject: .*$", "Subject: Rivers vanish from three cities");
		String otherUnsubscribe = raw.replace("/unsubscribe/t0k3n>", "/unsubscribe/evil>");
		String otherBody = raw.replace("Rivers return to three cities</", "Rivers vanish from three cities</");
		assertThat(otherSubject).isNotEqualTo(raw);
		assertThat(otherUnsubscribe).isNotEqualTo(raw);
		assertThat(otherBody).isNotEqualTo(raw);
		for (String changed : List.of(otherSubject, otherUnsubscribe, otherBody)) {
			assertThatExceptionOfType(FailException.class).isThrownBy(() -> verify(changed));
		}
	}

	@Test
	void withoutSettingsNoMailIsSigned() throws Exception {
		DkimSigning signing = DkimSigning.of(DkimSettings.none(), "news.example.com");
		send(signing, List.of(this.composer.confirmation("new@example.net", "https://alerts.example.com/confirm/c0nf",
				List.of("science"))));

		assertThat(signing.enabled()).isFalse();
		assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
		assertThat(greenMail.getReceivedMessages()[0].getHeader("DKIM-Signature")).isNull();
	}

	@Test
	void theRecordToPublishHoldsThePublicKeyOfTheConfiguredPrivateKey() {
		DkimSigning signing = DkimSigning.of(new DkimSettings(" News.Example.com ", SELECTOR, pem(KEY)),
				"news.example.com");

		assertThat(signing.dnsName()).contains("alerts2026._domainkey.news.example.com");
		assertThat(signing.dnsRecord()).contains(PUBLISHED);
	}

	@Test
	void theKeyIsReadFromAFileAsWellAsFromPemText(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("dkim.pem");
		Files.writeString(file, pem(KEY));

		DkimSigning signing = DkimSigning.of(new DkimSettings(DOMAIN, SELECTOR, file.toString()), "news.example.com");

		assertThat(signing.dnsRecord()).contains(PUBLISHED);
	}

	@Test
	void incompleteOrWrongSettingsAreRefusedWithTheReason() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DkimSigning.of(new DkimSettings(DOMAIN, null, " "), "news.example.com"))
			.withMessageContaining("notifier.mail.dkim.selector")
			.withMessageContaining("notifier.mail.dkim.private-key");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DkimSigning.of(new DkimSettings("localhost", SELECTOR, pem(KEY)), "localhost"))
			.withMessageContaining("not a domain name");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DkimSigning.of(new DkimSettings(DOMAIN, "two words", pem(KEY)), "news.example.com"))
			.withMessageContaining("selector");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> DkimSigning.of(new DkimSettings(DOMAIN, SELECTOR, "/no/such/dkim.pem"), "news.example.com"))
			.withMessageContaining("neither PEM text nor a readable file");
		assertThatIllegalArgumentException().isThrownBy(
				() -> DkimSigning.of(new DkimSettings(DOMAIN, SELECTOR, pem(generate("RSA", 512))), "news.example.com"))
			.withMessageContaining("512 bits");
		assertThatIllegalArgumentException().isThrownBy(
				() -> DkimSigning.of(new DkimSettings(DOMAIN, SELECTOR, pem(generate("EC", 256))), "news.example.com"))
			.withMessageContaining("must be an RSA key");
	}

	private void send(DkimSigning signing, List<OutgoingMail> mails) {
		SmtpMailer mailer = new SmtpMailer(
				new SmtpServer("127.0.0.1", greenMail.getSmtp().getPort(), null, null, this.settings, Map.of()),
				this.settings, new MimeMessages(this.settings), signing);
		this.toClose.add(mailer);
		RecordedOutcomes outcomes = new RecordedOutcomes();
		mailer.send(mails, outcomes);
		mails.forEach((mail) -> assertThat(outcomes.single(mail)).isEqualTo(new SendOutcome.Accepted()));
	}

	/** Verifies as a receiver does, finding the key where the operator published it. */
	private static List<SignatureRecord> verify(String raw) throws Exception {
		DKIMVerifier verifier = new DKIMVerifier(
				(method, selector, domain) -> (SELECTOR.contentEquals(selector) && DOMAIN.contentEquals(domain))
						? List.of(PUBLISHED) : List.of());
		return verifier.verify(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
	}

	private static String pem(KeyPair key) {
		return "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(key.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
	}

	private static KeyPair generate(String algorithm, int bits) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
			generator.initialize(bits);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
