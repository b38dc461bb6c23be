package org.syndication.system;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/**
 * A mail as a recipient sees it.
 *
 * @param messageId its Message-ID header
 * @param recipient its To address
 * @param subject its decoded subject
 * @param message the whole message
 */
record Mail(String messageId, String recipient, String subject, MimeMessage message) {

	private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+");

	static Mail of(MimeMessage message) {
		try {
			return new Mail(message.getMessageID(), message.getRecipients(Message.RecipientType.TO)[0].toString(),
					message.getSubject(), message);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Unreadable mail", ex);
		}
	}

	String header(String name) {
		try {
			return this.message.getHeader(name, ",");
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param contentType the part's type, for example {@code text/plain}
	 * @return the text of the first part of that type
	 */
	String part(String contentType) {
		try {
			Object content = this.message.getContent();
			if (content instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart part = multipart.getBodyPart(i);
					if (part.isMimeType(contentType)) {
						return (String) part.getContent();
					}
				}
			}
			else if (this.message.isMimeType(contentType)) {
				return (String) content;
			}
			throw new IllegalStateException("No " + contentType + " part in " + this.messageId);
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param path what the link's path contains, for example
	 * {@code /subscriptions/confirm}
	 * @return the first link in the plain-text part whose path contains it
	 */
	String link(String path) {
		Matcher matcher = LINK.matcher(part("text/plain"));
		while (matcher.find()) {
			if (matcher.group().contains(path)) {
				return matcher.group();
			}
		}
		throw new IllegalStateException("No link to " + path + " in " + this.messageId);
	}

}
