package org.syndication.notifier.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.mail.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mails as they were sent when the golden files in {@code golden/mail/} were written:
 * every byte of subject, headers and both bodies, and the whole MIME message but for its
 * date and part boundary, which change with each message. A change of a template or of
 * the composer that changes a sent mail shows here.
 */
class MailGoldenFileTests {

	private static final String UNSUBSCRIBE = "https://alerts.example.com/unsubscribe/t0k3n?list=a&b";

	private static final String MANAGE = "https://alerts.example.com/subscriptions/t0k3n";

	private static final Pattern BOUNDARY = Pattern.compile("boundary=\"([^\"]+)\"");

	private static final MailSettings SETTINGS = new MailSettings("Syndication Alerts <alerts@news.example.com>",
			"Syndication alerts <alerts.news.example.com>", 4, 2000, 1000, Duration.ofSeconds(5),
			Duration.ofSeconds(10), Duration.ofSeconds(10));

	private static final MailComposer composer = Composers.of(SETTINGS);

	private static final MimeMessages messages = new MimeMessages(SETTINGS);

	static Stream<String> mails() {
		return mailsByName().keySet().stream();
	}

	private static Map<String, OutgoingMail> mailsByName() {
		ArticleContent withImage = ArticleContents.withImage(new ArticleContent.Image(
				"https://images.example.com/rivers.jpg?w=1200&h=800", "The \"river\" & <bridge>", 1200, 800));
		ArticleContent rich = new ArticleContent("Fish & <chips>\r\nBcc: x@example.org", "  Summary \"quoted\"  ",
				"<h2>Rivers</h2><p onclick=\"steal()\">First paragraph,\n  wrapped.</p><script>alert(1)</script>"
						+ "<p>Second <a href=\"https://example.org/map\">map</a></p><ul><li>one</li><li>two</li></ul>"
						+ "line<br>break<table><tr><td>a</td><td>b</td></tr></table>",
				"https://news.example.com/a?x=1&y=2", "en_GB",
				new ArticleContent.Image("https://images.example.com/rule.png", "", null, 0));
		ArticleContent bare = new ArticleContent("No summary, no link", "", null, "javascript:alert(1)", null);
		return Map.of("alert",
				composer.alert(ArticleContents.anArticle(), "reader@example.net", UNSUBSCRIBE, MANAGE, "alert.1.2"),
				"alert-with-image",
				composer.alert(ArticleContents.withImage(withImage.image()), "reader@example.net", UNSUBSCRIBE, MANAGE,
						"alert.3.4"),
				"alert-zh",
				composer.alert(ArticleContents.inChinese(), "reader@example.net", UNSUBSCRIBE, MANAGE, "alert.5.6"),
				"alert-rich", composer.alert(rich, "reader@example.net", UNSUBSCRIBE, MANAGE, "alert.7.8"),
				"alert-bare", composer.alert(bare, "reader@example.net", UNSUBSCRIBE, MANAGE, "alert.9.10"), "digest",
				composer.digest("The Daily Planet", "daily",
						List.of(ArticleContents.inChinese(), withImage, rich, bare), "reader@example.org", UNSUBSCRIBE,
						MANAGE, "digest.1.daily-2026-11-30"),
				"digest-one",
				composer.digest("Zeitung für Äpfel", "weekly", List.of(ArticleContents.anArticle()),
						"reader@example.org", UNSUBSCRIBE, MANAGE, "digest.2.weekly-2026-11-30"),
				"confirmation",
				composer.confirmation("reader@example.net", "https://alerts.example.com/confirm/c0nf",
						List.of("Science", "Cities & <Towns>", "evil.example"), "confirm.1"),
				"confirmation-daily",
				composer.confirmation("reader@example.net", "https://alerts.example.com/confirm/c0nf?a=1&b=2",
						List.of(), "daily", "confirm.2"),
				"confirmation-weekly", composer.confirmation("reader@example.net",
						"https://alerts.example.com/confirm/c0nf", List.of("www.evil"), "weekly", "confirm.3"));
	}

	@ParameterizedTest
	@MethodSource("mails")
	void mailIsWrittenByteForByteAsTheGoldenFileRecords(String name) throws Exception {
		OutgoingMail mail = mailsByName().get(name);

		assertThat(mail.textBody()).isEqualTo(golden(name + ".txt"));
		assertThat(mail.htmlBody()).isEqualTo(golden(name + ".html"));
		assertThat(message(mail)).isEqualTo(golden(name + ".eml"));
	}

	/** The whole message as it goes on the wire, its date and boundary made constant. */
	private static String message(OutgoingMail mail) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		messages.toMimeMessage(mail, Session.getInstance(new Properties())).writeTo(out);
		String raw = out.toString(StandardCharsets.US_ASCII);
		Matcher boundary = BOUNDARY.matcher(raw);
		assertThat(boundary.find()).as("a multipart message").isTrue();
		return raw.replace(boundary.group(1), "BOUNDARY").replaceFirst("(?m)^Date: .*\r\n", "Date: DATE\r\n");
	}

	private static String golden(String file) {
		try (InputStream in = MailGoldenFileTests.class.getResourceAsStream("/golden/mail/" + file)) {
			assertThat(in).as("golden/mail/%s", file).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
