package org.syndication.notifier.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MailComposerTests {

	private static final String UNSUBSCRIBE = "https://alerts.example.com/unsubscribe/t0k3n";

	private static final String MANAGE = "https://alerts.example.com/subscriptions/t0k3n";

	private final MailSettings settings = new MailSettings("Syndication Alerts <alerts@news.example.com>",
			"Syndication alerts <alerts.news.example.com>", 4, 2000, 1000, Duration.ofSeconds(5),
			Duration.ofSeconds(10), Duration.ofSeconds(10));

	private final MailComposer composer = Composers.of(this.settings);

	private final MimeMessages messages = new MimeMessages(this.settings);

	private final Session session = Session.getInstance(new Properties());

	@Test
	void chineseTitleBecomesAUtf8EncodedWordAndDecodesIntact() throws Exception {
		OutgoingMail mail = alert(ArticleContents.inChinese());

		String raw = raw(mail);
		MimeMessage parsed = parse(raw);

		assertThat(raw).containsPattern("(?m)^Subject: =\\?UTF-8\\?[BQ]\\?");
		assertThat(raw).doesNotContain("城市");
		assertThat(parsed.getSubject()).isEqualTo("城市河流重见天日：三座城市的复兴之路");
		assertThat(parsed.getContentType()).startsWith("multipart/alternative");
		MimeMultipart parts = (MimeMultipart) parsed.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat(parts.getBodyPart(0).getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
		assertThat(parts.getBodyPart(1).getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
		assertThat((String) parts.getBodyPart(0).getContent()).contains("一个世纪以来，河流在混凝土下流淌。");
		assertThat((String) parts.getBodyPart(1).getContent()).contains("<div lang=\"zh-CN\">").contains("城市河流重见天日");
	}

	@Test
	void aDigestCountsItsArticlesInTheSubjectAndListsEachAsTextInItsOwnLanguage() throws Exception {
		ArticleContent script = new ArticleContent("<script>alert(1)</script> & more", "Short\r\nBcc: x@example.org",
				"<p>Not shown</p>", "https://news.example/script", "en");
		OutgoingMail mail = this.composer.digest("The Daily Planet", "daily",
				List.of(ArticleContents.inChinese(), script), "reader@example.org", UNSUBSCRIBE, MANAGE,
				"digest.6f1c2a4e-0b7d-4c55-9a8e-1d2f3a4b5c6d.daily-2026-11-30");

		MimeMessage parsed = parse(raw(mail));
		assertThat(parsed.getSubject()).isEqualTo("The Daily Planet: 2 new articles");
		assertThat(parsed.getMessageID())
			.isEqualTo("<digest.6f1c2a4e-0b7d-4c55-9a8e-1d2f3a4b5c6d.daily-2026-11-30@news.example.com>");
		assertThat(parsed.getHeader("List-Unsubscribe")).containsExactly("<" + UNSUBSCRIBE + ">");
		assertThat(parsed.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		assertThat(parsed.getHeader("Bcc")).isNull();
		MimeMultipart parts = (MimeMultipart) parsed.getContent();
		String text = (String) parts.getBodyPart(0).getContent();
		String html = (String) parts.getBodyPart(1).getContent();
		assertThat(text).containsSubsequence("城市河流重见天日", "<script>alert(1)</script> & more",
				"https://news.example/script", UNSUBSCRIBE, MANAGE);
		assertThat(text).doesNotContain("Not shown");
		assertThat(html).contains("lang=\"zh-CN\"")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
			.doesNotContain("<script>")
			.doesNotContain("Not shown");

		OutgoingMail one = this.composer.digest("The Daily Planet", "weekly", List.of(script), "reader@example.org",
				UNSUBSCRIBE, MANAGE, "digest.one.weekly-2026-11-30");
		assertThat(one.subject()).isEqualTo("The Daily Planet: 1 new article");
		assertThatIllegalArgumentException().isThrownBy(() -> this.composer.digest("The Daily Planet", "daily",
				List.of(), "reader@example.org", UNSUBSCRIBE, MANAGE, "digest.none.daily-2026-11-30"));
	}

	@Test
	void longSubjectIsFoldedIntoShortLinesAndUnfoldsToTheTitle() throws Exception {
		String chinese = "河流".repeat(60);
		String english = String.join(" ", IntStream.range(0, 30).mapToObj((i) -> "word" + i).toList());

		String emoji = "🌊 Rivers ".repeat(20).strip();

		for (String title : List.of(chinese, english, emoji)) {
			String raw = raw(alert(ArticleContents.titled(title)));

			List<String> subjectLines = headerLines(raw, "Subject");
			assertThat(subjectLines).hasSizeGreaterThan(1)
				.allSatisfy((line) -> assertThat(line.length()).isLessThanOrEqualTo(78));
			assertThat(parse(raw).getSubject()).isEqualTo(title);
		}
	}

	@Test
	void subjectIsCutAtTwoHundredFiftyCharacters() throws Exception {
		OutgoingMail mail = alert(ArticleContents.titled("x".repeat(300)));

		assertThat(mail.subject()).hasSize(250).endsWith("x…");
	}

	@Test
	void lineBreaksInATitleCannotAddHeaders() throws Exception {
		OutgoingMail composed = alert(ArticleContents.titled("Hi\r\nBcc: evil@example.org"));
		OutgoingMail forged = new OutgoingMail("<forged@news.example.com>", "reader@example.net",
				"Hi\r\nBcc: evil@example.org", "text", null, Map.of("X-Note", "a\r\nCc: evil@example.org"));

		assertThat(composed.subject()).isEqualTo("Hi Bcc: evil@example.org");
		for (OutgoingMail mail : List.of(composed, forged)) {
			String raw = raw(mail);
			MimeMessage parsed = parse(raw);
			assertThat(raw).doesNotContainPattern("(?im)^(Bcc|Cc):");
			assertThat(parsed.getHeader("Bcc")).isNull();
			assertThat(parsed.getHeader("Cc")).isNull();
			assertThat(Arrays.stream(parsed.getAllRecipients()).map(Object::toString))
				.containsExactly("reader@example.net");
		}
	}

	@Test
	void alertCarriesOneClickUnsubscribeHeadersAndListId() throws Exception {
		MimeMessage parsed = parse(raw(alert(ArticleContents.anArticle())));

		assertThat(parsed.getHeader("List-Unsubscribe")).containsExactly("<" + UNSUBSCRIBE + ">");
		assertThat(parsed.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		assertThat(parsed.getHeader("List-Id")).containsExactly("Syndication alerts <alerts.news.example.com>");
		assertThat(parsed.getHeader("Precedence")).isNull();
		assertThat(parsed.getHeader("Auto-Submitted")).isNull();
		assertThat(parsed.getFrom()[0].toString()).isEqualTo("Syndication Alerts <alerts@news.example.com>");
		assertThat(parsed.getSentDate()).isNotNull();
	}

	@Test
	void messageIdIsUniqueUsesTheFromDomainAndSurvivesSaveChanges() throws Exception {
		OutgoingMail first = alert(ArticleContents.anArticle());
		OutgoingMail second = alert(ArticleContents.anArticle());

		assertThat(first.messageId()).matches("<[0-9a-f-]{36}@news\\.example\\.com>").isNotEqualTo(second.messageId());
		MimeMessage message = this.messages.toMimeMessage(first, this.session);
		message.saveChanges();
		assertThat(message.getMessageID()).isEqualTo(first.messageId());
		assertThat(parse(raw(first)).getMessageID()).isEqualTo(first.messageId());
	}

	@Test
	void htmlPartKeepsFormattingButNoScriptsOrHandlers() {
		OutgoingMail mail = alert(ArticleContents.withContent("<p onclick=\"steal()\">Kept <b>bold</b></p>"
				+ "<script>alert('x')</script><a href=\"javascript:alert(1)\">bad link</a>"
				+ "<a href=\"https://example.org/more\">more</a><iframe src=\"https://evil.example\"></iframe>"));

		assertThat(mail.htmlBody()).contains("<p>Kept <b>bold</b></p>")
			.contains("href=\"https://example.org/more\"")
			.doesNotContainIgnoringCase("<script")
			.doesNotContain("alert(")
			.doesNotContainIgnoringCase("onclick")
			.doesNotContainIgnoringCase("javascript:")
			.doesNotContainIgnoringCase("<iframe");
		assertThat(mail.textBody()).doesNotContain("alert(");
	}

	@Test
	void htmlPartHasTitleSummaryReadLinkAndFooterLinks() {
		OutgoingMail mail = alert(new ArticleContent("Fish & <chips>", "Summary \"quoted\"", "<p>Body</p>",
				"https://news.example.com/a?x=1&y=2", "en"));

		assertThat(mail.htmlBody()).contains("<h1", "Fish &amp; &lt;chips&gt;</h1>", "Summary &quot;quoted&quot;",
				"href=\"https://news.example.com/a?x=1&amp;y=2\"", ">Read the article</a>",
				"href=\"" + UNSUBSCRIBE + "\"", ">Unsubscribe</a>", "href=\"" + MANAGE + "\"",
				">Manage your subscription</a>", "<div lang=\"en\">");
	}

	@Test
	void htmlPartShowsTheImageWithItsAltTextAndSizeEscaped() {
		OutgoingMail mail = alert(
				ArticleContents.withImage(new ArticleContent.Image("https://images.example.com/rivers.jpg?w=1200&h=800",
						"The \"river\" & <bridge>\r\nat dusk", 1200, 800)));

		String image = image(mail.htmlBody());
		assertThat(image).contains(" src=\"https://images.example.com/rivers.jpg?w=1200&amp;h=800\"")
			.contains(" alt=\"The &quot;river&quot; &amp; &lt;bridge&gt; at dusk\"")
			.contains(" width=\"1200\"")
			.contains(" height=\"800\"");
		assertThat(mail.htmlBody()).containsSubsequence("Rivers return to the city</h1>", "<img ", "How three cities");
		assertThat(mail.textBody()).doesNotContain("images.example.com").doesNotContain("dusk");
	}

	@Test
	void decorativeImageKeepsAnEmptyAltAndUnknownOrImpossibleSizesAreLeftOut() {
		String image = image(alert(
				ArticleContents.withImage(new ArticleContent.Image("https://images.example.com/rule.png", "", null, 0)))
			.htmlBody());

		assertThat(image).contains(" src=\"https://images.example.com/rule.png\"")
			.contains(" alt=\"\"")
			.doesNotContain("width=")
			.doesNotContain("height=");
	}

	@Test
	void imageWithoutAnAbsoluteHttpAddressAndArticleWithoutImageShowNoImage() {
		for (String url : new String[] { "javascript:alert(1)", "/images/rivers.jpg", "data:image/png;base64,AAAA",
				"https://images.example.com/a b.jpg" }) {
			OutgoingMail mail = alert(ArticleContents.withImage(new ArticleContent.Image(url, "Rivers", 10, 10)));
			assertThat(mail.htmlBody()).as(url).doesNotContain("<img").doesNotContain("alert(1)");
		}
		assertThat(alert(ArticleContents.anArticle()).htmlBody()).doesNotContain("<img");
	}

	@Test
	void aDigestShowsEachArticlesImageWithItsAltText() {
		ArticleContent withImage = ArticleContents.withImage(
				new ArticleContent.Image("https://images.example.com/rivers.webp", "A river & a city", 600, 400));
		OutgoingMail mail = this.composer.digest("The Daily Planet", "daily",
				List.of(withImage, ArticleContents.inChinese()), "reader@example.org", UNSUBSCRIBE, MANAGE,
				"digest.images.daily-2026-11-30");

		assertThat(mail.htmlBody().split("<img ", -1)).hasSize(2);
		assertThat(image(mail.htmlBody())).contains(" src=\"https://images.example.com/rivers.webp\"")
			.contains(" alt=\"A river &amp; a city\"")
			.contains(" width=\"600\"")
			.contains(" height=\"400\"");
		assertThat(mail.htmlBody()).containsSubsequence("Rivers return to the city</a>", "<img ", "城市河流重见天日");
		assertThat(mail.textBody()).doesNotContain("images.example.com");
	}

	@Test
	void theSameArticleToTwoSubscribersDiffersOnlyInTheirLinksAndAnEditedOneIsWrittenAnew() {
		OutgoingMail first = this.composer.alert(ArticleContents.anArticle(), "first@example.net", UNSUBSCRIBE, MANAGE);
		OutgoingMail second = this.composer.alert(ArticleContents.anArticle(), "second@example.net", UNSUBSCRIBE + "-2",
				MANAGE + "-2");
		OutgoingMail edited = this.composer.alert(ArticleContents.titled("Rivers return, corrected"),
				"first@example.net", UNSUBSCRIBE, MANAGE);

		assertThat(second.htmlBody())
			.isEqualTo(first.htmlBody().replace(UNSUBSCRIBE, UNSUBSCRIBE + "-2").replace(MANAGE, MANAGE + "-2"));
		assertThat(second.textBody())
			.isEqualTo(first.textBody().replace(UNSUBSCRIBE, UNSUBSCRIBE + "-2").replace(MANAGE, MANAGE + "-2"));
		assertThat(edited.htmlBody()).contains(">Rivers return, corrected</h1>").doesNotContain("to the city");
		assertThat(edited.textBody()).startsWith("Rivers return, corrected\n\n").doesNotContain("to the city");
	}

	@Test
	void textPartKeepsParagraphsAndHasTheLinkAndTheUnsubscribeUrl() {
		OutgoingMail mail = alert(ArticleContents.withContent(
				"<h2>Rivers</h2><p>First paragraph,\n  wrapped.</p><p>Second <a href=\"https://example.org/map\">map</a>"
						+ "</p><ul><li>one</li><li>two</li></ul>line<br>break"));

		assertThat(mail.textBody()).startsWith("Rivers return to the city\n\nHow three cities")
			.contains("Rivers\n\nFirst paragraph, wrapped.\n\nSecond map <https://example.org/map>\n\n- one\n- two\n\n"
					+ "line\nbreak")
			.contains("Read the article: https://news.example.com/articles/rivers-return")
			.contains("Unsubscribe: " + UNSUBSCRIBE)
			.contains("Manage your subscription: " + MANAGE)
			.doesNotContain("<p>");
	}

	@Test
	void confirmationNamesTheCategoriesAndHasNoUnsubscribeHeaders() throws Exception {
		OutgoingMail mail = this.composer.confirmation("reader@example.net", "https://alerts.example.com/confirm/t0k3n",
				List.of("Science", "Cities & <Towns>"));

		assertThat(mail.subject()).isEqualTo("Confirm your subscription");
		assertThat(mail.headers()).isEmpty();
		assertThat(mail.textBody()).contains("https://alerts.example.com/confirm/t0k3n")
			.contains("new articles in the categories Science, Cities & <Towns>")
			.contains("If you did not ask for this, ignore this mail; nothing more will be sent.");
		assertThat(mail.htmlBody()).contains("href=\"https://alerts.example.com/confirm/t0k3n\"")
			.contains("Science, Cities &amp; &lt;Towns&gt;")
			.contains("nothing more will be sent.");
		MimeMessage parsed = parse(raw(mail));
		assertThat(parsed.getHeader("List-Unsubscribe")).isNull();
		assertThat(parsed.getContentType()).startsWith("multipart/alternative");
	}

	@Test
	void confirmationNeverNamesACategoryThatAMailClientWouldTakeForALinkOrAnAddress() {
		List<String> linkLike = List.of("Visit https://evil.example/login now", "evil.example", "www.evil",
				"mail admin@evil.example", "ftp:evil", "evil.example/x");
		List<String> categories = new java.util.ArrayList<>(List.of("Science"));
		categories.addAll(linkLike);
		OutgoingMail mail = this.composer.confirmation("reader@example.net", "https://alerts.example.com/confirm/t0k3n",
				categories);

		for (String part : List.of(mail.textBody(), mail.htmlBody())) {
			assertThat(part).contains("Science").doesNotContain("evil");
		}
		assertThat(mail.textBody()).contains("new articles in the category Science and 6 more categories");
		assertThat(org.jsoup.Jsoup.parse(mail.htmlBody()).select("a").eachAttr("href"))
			.containsExactly("https://alerts.example.com/confirm/t0k3n");
	}

	@Test
	void confirmationWithoutCategoriesIsForAllArticles() {
		OutgoingMail mail = this.composer.confirmation("reader@example.net", "https://alerts.example.com/confirm/t0k3n",
				List.of());

		assertThat(mail.textBody()).contains("You asked for: all new articles.");
	}

	@Test
	void confirmationOfADigestSaysHowOften() {
		assertThat(this.composer
			.confirmation("reader@example.net", "https://alerts.example.com/confirm/t0k3n", List.of("Science"), "daily",
					"confirm.1")
			.textBody()).contains("You asked for: a daily digest of new articles in the category Science.");
		assertThat(this.composer
			.confirmation("reader@example.net", "https://alerts.example.com/confirm/t0k3n", List.of(), "weekly",
					"confirm.2")
			.textBody()).contains("You asked for: a weekly digest of all new articles.");
	}

	@Test
	void aMailKeyedLikeAnEarlierOneHasItsMessageIdSoASecondSendingIsRecognisablyTheSameMail() {
		OutgoingMail first = this.composer.alert(ArticleContents.anArticle(), "reader@example.net", UNSUBSCRIBE, MANAGE,
				"alert.1b4e28ba-2fa1-11d2-883f-0016d3cca427.6fa459ea-ee8a-3ca4-894e-db77e160355e");
		OutgoingMail again = this.composer.alert(ArticleContents.anArticle(), "reader@example.net", UNSUBSCRIBE, MANAGE,
				"alert.1b4e28ba-2fa1-11d2-883f-0016d3cca427.6fa459ea-ee8a-3ca4-894e-db77e160355e");
		OutgoingMail other = this.composer.alert(ArticleContents.anArticle(), "reader@example.net", UNSUBSCRIBE, MANAGE,
				"alert.1b4e28ba-2fa1-11d2-883f-0016d3cca427.00000000-ee8a-3ca4-894e-db77e160355e");
		OutgoingMail confirmation = this.composer.confirmation("reader@example.net",
				"https://alerts.example.com/confirm/t0k3n", List.of(),
				"confirm.6fa459ea-ee8a-3ca4-894e-db77e160355e.42");

		assertThat(first.messageId())
			.isEqualTo("<alert.1b4e28ba-2fa1-11d2-883f-0016d3cca427.6fa459ea-ee8a-3ca4-894e-db77e160355e"
					+ "@news.example.com>")
			.isEqualTo(again.messageId())
			.isNotEqualTo(other.messageId());
		assertThat(confirmation.messageId())
			.isEqualTo("<confirm.6fa459ea-ee8a-3ca4-894e-db77e160355e.42@news.example.com>");
	}

	@Test
	void aMessageKeyThatWouldBreakTheHeaderIsRefused() {
		for (String key : List.of("", "a b", "a@b", "a>\r\nBcc: x@example.org", ".a", "a..b", "ü")) {
			assertThatIllegalArgumentException().as(key)
				.isThrownBy(() -> this.composer.alert(ArticleContents.anArticle(), "reader@example.net", UNSUBSCRIBE,
						MANAGE, key));
		}
	}

	@Test
	void unsubscribeUrlMustBeAnHttpUrl() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.composer.alert(ArticleContents.anArticle(),
				"reader@example.net", "mailto:unsubscribe@example.com", MANAGE));
		assertThatIllegalArgumentException().isThrownBy(() -> this.composer.alert(ArticleContents.anArticle(),
				"reader@example.net", "https://alerts.example.com/u>\r\nBcc: x@example.org", MANAGE));
	}

	@Test
	void settingsDefaultToTheDocumentedValues() {
		MailSettings defaults = new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("notifier.mail",
				MailSettings.class);

		assertThat(defaults)
			.isEqualTo(new MailSettings("Syndication <alerts@localhost>", "<alerts.syndication.localhost>", 4, 2000,
					1000, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10)));
		assertThatIllegalArgumentException().isThrownBy(() -> new MailSettings("not an address", "<a.b>", 4, 2000, 1000,
				Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10)));
	}

	/** The first img tag of an HTML body. */
	private static String image(String html) {
		int start = html.indexOf("<img ");
		assertThat(start).as("an img in %s", html).isNotNegative();
		return html.substring(start, html.indexOf('>', start) + 1);
	}

	private OutgoingMail alert(ArticleContent article) {
		return this.composer.alert(article, "reader@example.net", UNSUBSCRIBE, MANAGE);
	}

	private String raw(OutgoingMail mail) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.messages.toMimeMessage(mail, this.session).writeTo(out);
		return out.toString(StandardCharsets.US_ASCII);
	}

	private MimeMessage parse(String raw) throws Exception {
		return new MimeMessage(this.session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
	}

	/** The lines of a header as written, the first with its name. */
	private static List<String> headerLines(String raw, String name) {
		List<String> lines = raw.lines().toList();
		int start = IntStream.range(0, lines.size())
			.filter((i) -> lines.get(i).startsWith(name + ":"))
			.findFirst()
			.orElseThrow();
		int end = start + 1;
		while (end < lines.size() && (lines.get(end).startsWith(" ") || lines.get(end).startsWith("\t"))) {
			end++;
		}
		return lines.subList(start, end);
	}

}
