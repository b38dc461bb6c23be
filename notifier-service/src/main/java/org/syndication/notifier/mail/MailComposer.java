package org.syndication.notifier.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Writes the mails: an alert per new article, a digest per subscriber and period, and the
 * double opt-in confirmation. The values shown come from {@link MailModels}, the bodies
 * from the templates ({@link MailTemplates}); {@link MimeMessages} makes the messages
 * sent.
 */
public class MailComposer {

	private static final Pattern MESSAGE_KEY = Pattern.compile("[A-Za-z0-9]+([.-][A-Za-z0-9]+)*");

	private final MailTemplates templates;

	private final String messageIdDomain;

	private final String listId;

	// A fan-out writes the same article to every subscriber: sanitize and render it once,
	// and only the frame with the subscriber's links for each of them.
	private final Cache<ArticleContent, MailBodies> articles = Caffeine.newBuilder().maximumSize(64).build();

	MailComposer(MailSettings settings, MailTemplates templates) {
		this.templates = templates;
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
		String unsubscribe = MailText.httpUrl("unsubscribeUrl", unsubscribeUrl);
		String manage = MailText.httpUrl("manageUrl", manageUrl);
		String title = MailText.singleLine(article.title());
		MailBodies rendered = this.articles.get(article, this::article);
		MailBodies bodies = this.templates.render("alert", MailModels.alert(title, rendered, unsubscribe, manage));
		return new OutgoingMail(messageId(messageKey), recipient, MailText.subject(title, "New article"), bodies.text(),
				bodies.html(), listHeaders(unsubscribe));
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
		String unsubscribe = MailText.httpUrl("unsubscribeUrl", unsubscribeUrl);
		String manage = MailText.httpUrl("manageUrl", manageUrl);
		String name = MailText.singleLine(publication);
		String count = MailModels.articleCount(articles.size());
		MailBodies bodies = this.templates.render("digest",
				MailModels.digest(name, period, count, articles, unsubscribe, manage));
		return new OutgoingMail(messageId(messageKey), recipient, MailText.subject(name + ": " + count, count),
				bodies.text(), bodies.html(), listHeaders(unsubscribe));
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
		String confirm = MailText.httpUrl("confirmUrl", confirmUrl);
		MailBodies bodies = this.templates.render("confirmation",
				MailModels.confirmation(categories, frequency, confirm));
		return new OutgoingMail(messageId(messageKey), recipient, "Confirm your subscription", bodies.text(),
				bodies.html(), Map.of());
	}

	private MailBodies article(ArticleContent article) {
		return this.templates.render("article", MailModels.article(article));
	}

	/** The headers of a mail to a subscriber: the list and its one-click unsubscribe. */
	private Map<String, String> listHeaders(String unsubscribe) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("List-Id", this.listId);
		headers.put("List-Unsubscribe", "<" + unsubscribe + ">");
		headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		return headers;
	}

	private String messageId(String key) {
		if (!MESSAGE_KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("A Message-ID key is letters, digits, dots and hyphens: " + key);
		}
		return "<" + key + "@" + this.messageIdDomain + ">";
	}

}
