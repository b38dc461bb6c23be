package org.syndication.notifier.mail;

import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Writes the mails: an alert per new article and the double opt-in confirmation, and
 * turns them into MIME messages. Everything is UTF-8; the MIME layer encodes non-ASCII
 * subjects as RFC 2047 encoded-words and picks the transfer encoding of each part.
 */
public class MailComposer {

	/** What article HTML may keep in a mail: text formatting, blocks, links, tables. */
	private static final PolicyFactory CONTENT_POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
		.and(Sanitizers.LINKS)
		.and(Sanitizers.TABLES);

	/** Long enough for any real title; keeps a runaway title from bloating the header. */
	private static final int MAX_SUBJECT_CODE_POINTS = 250;

	private static final Pattern LINE_BREAKS_AND_CONTROLS = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]+");

	private static final Pattern SPACES = Pattern.compile("[\\s\\p{Zs}]+");

	/**
	 * A category name a confirmation mail may show: letters, digits, spaces and
	 * punctuation that no mail client takes for part of a link or an address (no dots,
	 * colons, slashes or at signs, in any script's form).
	 */
	private static final Pattern PLAIN_CATEGORY = Pattern
		.compile("[\\p{L}\\p{M}\\p{N} &'\u2019\"()<>,;!?+#*_\u2013\u2014-]{1,100}");

	private static final Pattern HEADER_NAME = Pattern.compile("[\\x21-\\x39\\x3B-\\x7E]+");

	private static final Pattern MESSAGE_KEY = Pattern.compile("[A-Za-z0-9]+([.-][A-Za-z0-9]+)*");

	private static final String CHARSET = "UTF-8";

	/** The contract's bound on an image's width and height, in pixels. */
	private static final int MAX_IMAGE_DIMENSION = 10000;

	private static final int SUBJECT_PREFIX_LENGTH = "Subject: ".length();

	/**
	 * 39 bytes make 52 base64 characters and a 64-character encoded-word: with "Subject:
	 * " in front the first line stays within RFC 2047's 76.
	 */
	private static final int ENCODED_WORD_BYTES = 39;

	private static final MailTemplates TEMPLATES = MailTemplates.INSTANCE;

	private final InternetAddress from;

	private final String messageIdDomain;

	private final String listId;

	// A fan-out writes the same article to every subscriber: sanitize and render it once.
	private final Cache<ArticleContent, RenderedArticle> articles = Caffeine.newBuilder().maximumSize(64).build();

	MailComposer(MailSettings settings) {
		this.from = settings.fromAddress();
		this.messageIdDomain = settings.fromDomain();
		this.listId = settings.listId();
	}

	/**
	 * An alert about a new article, with RFC 8058 one-click unsubscribe headers.
	 * @param article what to tell
	 * @param recipient the subscriber's address
	 * @param unsubscribeUrl the one-click unsubscribe URL: it answers a POST with
	 * {@code List-Unsubscribe=One-Click} and is also the visible "Unsubscribe" link
	 * @param manageUrl where the subscriber changes the subscription
	 * @return the mail, with a Message-ID of its own
	 */
	public OutgoingMail alert(ArticleContent article, String recipient, String unsubscribeUrl, String manageUrl) {
		return alert(article, recipient, unsubscribeUrl, manageUrl, UUID.randomUUID().toString());
	}

	/**
	 * An alert whose Message-ID is made from a key: the same key gives the same
	 * Message-ID, so a mail sent again after a crash is recognisably the same mail, and
	 * mailbox providers that drop repeated Message-IDs show it once.
	 * @param article what to tell
	 * @param recipient the subscriber's address
	 * @param unsubscribeUrl the one-click unsubscribe URL
	 * @param manageUrl where the subscriber changes the subscription
	 * @param messageKey letters, digits, dots and hyphens that identify this mail for
	 * good
	 * @return the mail
	 */
	public OutgoingMail alert(ArticleContent article, String recipient, String unsubscribeUrl, String manageUrl,
			String messageKey) {
		URI unsubscribe = httpUri("unsubscribeUrl", unsubscribeUrl);
		URI manage = httpUri("manageUrl", manageUrl);
		String title = singleLine(article.title());
		RenderedArticle rendered = this.articles.get(article, MailComposer::render);
		Map<String, Object> variables = new HashMap<>();
		variables.put("title", title);
		variables.put("unsubscribe", unsubscribe.toASCIIString());
		variables.put("manage", manage.toASCIIString());
		variables.put("article", rendered.text());
		String text = TEMPLATES.render("alert.txt", variables);
		variables.put("article", rendered.html());
		String html = TEMPLATES.render("alert.html", variables);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("List-Id", this.listId);
		headers.put("List-Unsubscribe", "<" + unsubscribe.toASCIIString() + ">");
		headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		return new OutgoingMail(messageId(messageKey), recipient, subject(title, "New article"), text, html, headers);
	}

	/**
	 * A digest: the articles of one period, newest first, each with its title, summary
	 * and link, and the same one-click unsubscribe headers as an alert. The subject names
	 * the publication and counts the articles.
	 * @param publication the publication's name
	 * @param period how the digest calls its period, such as {@code daily}
	 * @param articles what to list, newest first; not empty
	 * @param recipient the subscriber's address
	 * @param unsubscribeUrl the one-click unsubscribe URL
	 * @param manageUrl where the subscriber changes the subscription
	 * @param messageKey letters, digits, dots and hyphens that identify this mail for
	 * good: made from subscriber and period, so a digest sent again is recognisably the
	 * same mail
	 * @return the mail
	 */
	public OutgoingMail digest(String publication, String period, List<ArticleContent> articles, String recipient,
			String unsubscribeUrl, String manageUrl, String messageKey) {
		if (articles.isEmpty()) {
			throw new IllegalArgumentException("A digest lists at least one article");
		}
		URI unsubscribe = httpUri("unsubscribeUrl", unsubscribeUrl);
		URI manage = httpUri("manageUrl", manageUrl);
		String name = singleLine(publication);
		String count = articles.size() + ((articles.size() == 1) ? " new article" : " new articles");
		List<Map<String, Object>> items = articles.stream().map(MailComposer::digestItem).toList();
		Map<String, Object> variables = new HashMap<>();
		variables.put("publication", name);
		variables.put("period", period);
		variables.put("count", count);
		variables.put("items", items);
		variables.put("unsubscribe", unsubscribe.toASCIIString());
		variables.put("manage", manage.toASCIIString());
		String text = TEMPLATES.render("digest.txt", variables);
		String html = TEMPLATES.render("digest.html", variables);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("List-Id", this.listId);
		headers.put("List-Unsubscribe", "<" + unsubscribe.toASCIIString() + ">");
		headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		return new OutgoingMail(messageId(messageKey), recipient, subject(name + ": " + count, count), text, html,
				headers);
	}

	/**
	 * The double opt-in mail that asks the recipient to confirm a new subscription. It
	 * has no unsubscribe headers: there is nothing to unsubscribe from yet.
	 * @param recipient the address to confirm
	 * @param confirmUrl the link that confirms
	 * @param categories the categories subscribed to, empty for all articles
	 * @return the mail, with a Message-ID of its own
	 */
	OutgoingMail confirmation(String recipient, String confirmUrl, List<String> categories) {
		return confirmation(recipient, confirmUrl, categories, UUID.randomUUID().toString());
	}

	/**
	 * A confirmation mail whose Message-ID is made from a key, like
	 * {@link #alert(ArticleContent, String, String, String, String)}.
	 * @param recipient the address to confirm
	 * @param confirmUrl the link that confirms
	 * @param categories the categories subscribed to, empty for all articles
	 * @param messageKey letters, digits, dots and hyphens that identify this mail for
	 * good
	 * @return the mail
	 */
	public OutgoingMail confirmation(String recipient, String confirmUrl, List<String> categories, String messageKey) {
		return confirmation(recipient, confirmUrl, categories, "immediate", messageKey);
	}

	/**
	 * A confirmation mail that also tells how often mail will come.
	 * @param recipient the address to confirm
	 * @param confirmUrl the link that confirms
	 * @param categories the categories subscribed to, empty for all articles
	 * @param frequency {@code immediate}, {@code daily} or {@code weekly}
	 * @param messageKey letters, digits, dots and hyphens that identify this mail for
	 * good
	 * @return the mail
	 */
	public OutgoingMail confirmation(String recipient, String confirmUrl, List<String> categories, String frequency,
			String messageKey) {
		URI confirm = httpUri("confirmUrl", confirmUrl);
		List<String> names = (categories != null)
				? categories.stream().map(MailComposer::singleLine).filter((name) -> !name.isEmpty()).toList()
				: List.of();
		// The address has not confirmed anything yet: whoever filled in the form may be
		// a stranger, so the mail names only what no mail client would turn into a link
		// or an address, and counts the rest.
		List<String> shown = names.stream().filter((name) -> PLAIN_CATEGORY.matcher(name).matches()).toList();
		int others = names.size() - shown.size();
		String articles;
		if (names.isEmpty()) {
			articles = "all new articles";
		}
		else if (shown.isEmpty()) {
			articles = "new articles in " + categoryCount(others);
		}
		else {
			articles = "new articles in " + ((shown.size() == 1) ? "the category " : "the categories ")
					+ String.join(", ", shown) + ((others > 0) ? " and " + others + " more "
							+ ((others == 1) ? "category" : "categories") + ", named on the page the link opens" : "");
		}
		String wanted = switch (frequency) {
			case "daily" -> "a daily digest of " + articles;
			case "weekly" -> "a weekly digest of " + articles;
			default -> articles;
		};
		Map<String, Object> variables = Map.of("wanted", wanted, "confirm", confirm.toASCIIString());
		String text = TEMPLATES.render("confirmation.txt", variables);
		String html = TEMPLATES.render("confirmation.html", variables);
		return new OutgoingMail(messageId(messageKey), recipient, "Confirm your subscription", text, html, Map.of());
	}

	private static String categoryCount(int count) {
		return count + ((count == 1) ? " category" : " categories") + ", named on the page the link opens";
	}

	/**
	 * The MIME message for a mail: From, To, Subject, Date, the mail's own Message-ID, a
	 * {@code multipart/alternative} body (text first, then HTML) and the extra headers.
	 * @param mail the mail
	 * @param session the session the message belongs to
	 * @return the message, with its headers updated and ready to send
	 * @throws MessagingException if the recipient is not a valid address or the message
	 * cannot be built
	 */
	SMTPMessage toMimeMessage(OutgoingMail mail, Session session) throws MessagingException {
		SMTPMessage message = new PresetIdMimeMessage(session, mail.messageId());
		message.setFrom(this.from);
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.recipient(), true));
		// Cleaned again: an OutgoingMail made elsewhere must not inject headers either.
		message.setHeader("Subject", encodeSubject(subject(singleLine(mail.subject()), "")));
		message.setSentDate(new Date());
		if (mail.htmlBody() == null) {
			message.setText(crlf(mail.textBody()), CHARSET, "plain");
		}
		else {
			MimeBodyPart text = new MimeBodyPart();
			text.setText(crlf(mail.textBody()), CHARSET, "plain");
			MimeBodyPart html = new MimeBodyPart();
			html.setText(crlf(mail.htmlBody()), CHARSET, "html");
			MimeMultipart alternative = new MimeMultipart("alternative");
			alternative.addBodyPart(text);
			alternative.addBodyPart(html);
			message.setContent(alternative);
		}
		for (Map.Entry<String, String> header : mail.headers().entrySet()) {
			message.setHeader(header.getKey(), headerValue(header.getKey(), header.getValue()));
		}
		message.saveChanges();
		return message;
	}

	private String messageId(String key) {
		if (!MESSAGE_KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("A Message-ID key is letters, digits, dots and hyphens: " + key);
		}
		return "<" + key + "@" + this.messageIdDomain + ">";
	}

	/** One line of text: controls and line breaks become spaces, runs of space one. */
	static String singleLine(String text) {
		if (text == null) {
			return "";
		}
		String spaced = LINE_BREAKS_AND_CONTROLS.matcher(text).replaceAll(" ");
		return SPACES.matcher(spaced).replaceAll(" ").strip();
	}

	private static String subject(String line, String fallback) {
		if (line.isEmpty()) {
			return fallback;
		}
		if (line.codePointCount(0, line.length()) <= MAX_SUBJECT_CODE_POINTS) {
			return line;
		}
		return line.substring(0, line.offsetByCodePoints(0, MAX_SUBJECT_CODE_POINTS - 1)).stripTrailing() + "…";
	}

	/**
	 * The Subject header value: ASCII as it is, folded at spaces; anything else as RFC
	 * 2047 encoded-words in UTF-8 and base64, one per line. Jakarta Mail's own encoding
	 * ({@code setSubject(subject, "UTF-8")}) does not count the "Subject: " before its
	 * first encoded-word, which makes that line 81 characters long, more than the 76 RFC
	 * 2047 allows.
	 */
	static String encodeSubject(String subject) {
		if (subject.chars().allMatch((c) -> c < 0x80)) {
			return MimeUtility.fold(SUBJECT_PREFIX_LENGTH, subject);
		}
		StringBuilder encoded = new StringBuilder();
		ByteArrayOutputStream word = new ByteArrayOutputStream();
		subject.codePoints().forEach((codePoint) -> {
			byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
			if (word.size() + bytes.length > ENCODED_WORD_BYTES) {
				appendEncodedWord(encoded, word);
			}
			word.writeBytes(bytes);
		});
		appendEncodedWord(encoded, word);
		return encoded.toString();
	}

	private static void appendEncodedWord(StringBuilder encoded, ByteArrayOutputStream word) {
		if (word.size() > 0) {
			if (!encoded.isEmpty()) {
				// Folding white space between encoded-words is dropped when decoding.
				encoded.append("\r\n ");
			}
			encoded.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(word.toByteArray())).append("?=");
			word.reset();
		}
	}

	private static URI httpUri(String name, String value) {
		URI uri = articleUri(value);
		if (uri == null) {
			throw new IllegalArgumentException(name + " must be an absolute http(s) URL, not '" + value + "'");
		}
		return uri;
	}

	/** The URL if it is an absolute http(s) URL, else {@code null}. */
	private static URI articleUri(String value) {
		if (value == null) {
			return null;
		}
		try {
			// The URI parser refuses spaces, CR, LF, '<' and '>', so the URL cannot break
			// out of a header or an attribute.
			URI uri = new URI(value.strip());
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			return ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) ? uri : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static String languageTag(String language) {
		if (language == null || language.isBlank()) {
			return null;
		}
		String tag = Locale.forLanguageTag(language.strip().replace('_', '-')).toLanguageTag();
		return tag.equals("und") ? null : tag;
	}

	private static String headerValue(String name, String value) throws MessagingException {
		if (!HEADER_NAME.matcher(name).matches()) {
			throw new MessagingException("Not a header name: '" + name + "'");
		}
		String line = singleLine(value);
		boolean ascii = line.chars().allMatch((c) -> c < 0x80);
		try {
			return MimeUtility.fold(name.length() + 2, ascii ? line : MimeUtility.encodeText(line, CHARSET, null));
		}
		catch (UnsupportedEncodingException ex) {
			throw new MessagingException("Cannot encode header " + name, ex);
		}
	}

	/** Text in canonical form: lines end with CRLF, whatever the transfer encoding. */
	private static String crlf(String text) {
		return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
	}

	/**
	 * The part of an alert that tells about the article, the same for every subscriber:
	 * its title, summary, content (sanitized again, so that only formatting, blocks,
	 * links and tables are left) and link, from {@code article.html} and
	 * {@code article.txt}.
	 */
	private static RenderedArticle render(ArticleContent article) {
		String clean = CONTENT_POLICY.sanitize((article.contentHtml() != null) ? article.contentHtml() : "");
		String text = PlainText.fromHtml(clean);
		String summary = (article.summary() != null) ? article.summary().strip() : "";
		URI url = articleUri(article.url());
		Map<String, Object> variables = new HashMap<>();
		variables.put("title", singleLine(article.title()));
		variables.put("summary", summary.isEmpty() ? null : summary);
		variables.put("language", languageTag(article.language()));
		variables.put("url", (url != null) ? url.toASCIIString() : null);
		variables.put("content", text.isEmpty() ? null : text);
		variables.put("image", image(article.image()));
		String plain = TEMPLATES.render("article.txt", variables);
		variables.put("content", clean);
		return new RenderedArticle(TEMPLATES.render("article.html", variables), plain);
	}

	/** One article of a digest: title, summary and link, as plain values. */
	private static Map<String, Object> digestItem(ArticleContent article) {
		String summary = (article.summary() != null) ? article.summary().strip() : "";
		URI url = articleUri(article.url());
		Map<String, Object> item = new HashMap<>();
		item.put("title", singleLine(article.title()));
		item.put("summary", summary.isEmpty() ? null : summary);
		item.put("language", languageTag(article.language()));
		item.put("url", (url != null) ? url.toASCIIString() : null);
		item.put("image", image(article.image()));
		return item;
	}

	/**
	 * An image as the templates show it, which escape every value: an absolute http(s)
	 * address, the alt text on one line (empty for a decorative image, which keeps
	 * {@code alt=""} so that screen readers skip it), and sizes only when they are
	 * sensible, since a mail client lays the image out by them before it loads.
	 */
	private static Map<String, Object> image(ArticleContent.Image image) {
		URI url = (image != null) ? articleUri(image.url()) : null;
		if (url == null) {
			return null;
		}
		Map<String, Object> shown = new HashMap<>();
		shown.put("url", url.toASCIIString());
		shown.put("alt", (image.alt() != null) ? singleLine(image.alt()) : "");
		shown.put("width", dimension(image.width()));
		shown.put("height", dimension(image.height()));
		return shown;
	}

	private static Integer dimension(Integer pixels) {
		return (pixels != null && pixels >= 1 && pixels <= MAX_IMAGE_DIMENSION) ? pixels : null;
	}

	/** The article's part of both bodies. */
	private record RenderedArticle(String html, String text) {

	}

	/**
	 * Keeps the Message-ID chosen when the mail was composed through saveChanges(); an
	 * SMTP message, so that it can have an envelope sender of its own.
	 */
	private static final class PresetIdMimeMessage extends SMTPMessage {

		private final String messageId;

		PresetIdMimeMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", singleLine(this.messageId));
		}

	}

}
