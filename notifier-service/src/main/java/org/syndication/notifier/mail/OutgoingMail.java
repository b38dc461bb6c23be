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
 */
public record OutgoingMail(String messageId, String recipient, String subject, String textBody, String htmlBody,
		Map<String, String> headers) {

	public OutgoingMail {
		headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
	}

}
