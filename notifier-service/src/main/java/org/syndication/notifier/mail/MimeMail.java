package org.syndication.notifier.mail;

import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * The notifier's mails as the Jakarta Mail messages it sends, in a session set up as its
 * mailer sets up its own (timeouts, {@code TCP_NODELAY}) but without logging in. For a
 * sender outside this service that must put the same bytes on the wire the same way: the
 * fan-out benchmark's plain Jakarta Mail loop.
 */
public final class MimeMail {

	private final MimeMessages messages;

	private final Session session;

	/**
	 * Messages of the composer's mails.
	 * @param settings the From address and the timeouts
	 * @param composer the composer that writes the mails; their messages depend on the
	 * settings alone, so it is not kept
	 */
	public MimeMail(MailSettings settings, MailComposer composer) {
		this(settings);
	}

	/**
	 * Messages of the notifier's mails.
	 * @param settings the From address and the timeouts
	 */
	public MimeMail(MailSettings settings) {
		this.messages = new MimeMessages(settings);
		this.session = Session.getInstance(SmtpServer.sessionProperties(settings, false, Map.of()));
	}

	/**
	 * The session the messages belong to; its transports connect as the mailer's do.
	 * @return the session
	 */
	public Session session() {
		return this.session;
	}

	/**
	 * The MIME message the notifier sends for a mail.
	 * @param mail the mail
	 * @return the message, ready to send
	 * @throws MessagingException if the message cannot be built
	 */
	public MimeMessage message(OutgoingMail mail) throws MessagingException {
		return this.messages.toMimeMessage(mail, this.session);
	}

}
