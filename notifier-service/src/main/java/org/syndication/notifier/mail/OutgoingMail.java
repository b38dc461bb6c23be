package org.syndication.notifier.mail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One email, ready to go: what the composer makes and the mailer sends.
 *
 * @param messageId the RFC 5322 Message-ID, with angle brackets, chosen before sending so
 * that it can be recorded with the delivery
 * @param recipient the address
 * @param subject plain text, one line
 * @param textBody the text/plain part
 * @param htmlBody the text/html part, or {@code null} for a text-only mail
 * @param headers further headers in order, e.g. {@code List-Unsubscribe}
 * @param returnPath the envelope sender, where bounces go, or {@code null} for the From
 * address
 */
public record OutgoingMail(String messageId, String recipient, String subject, String textBody, String htmlBody,
		Map<String, String> headers, String returnPath) {

	public OutgoingMail {
		headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
	}

	/** A mail with the From address as its envelope sender. */
	public OutgoingMail(String messageId, String recipient, String subject, String textBody, String htmlBody,
			Map<String, String> headers) {
		this(messageId, recipient, subject, textBody, htmlBody, headers, null);
	}

	/** This mail with its own return path, or with none for {@code null}. */
	public OutgoingMail withReturnPath(String returnPath) {
		return new OutgoingMail(this.messageId, this.recipient, this.subject, this.textBody, this.htmlBody,
				this.headers, returnPath);
	}

}
