package org.syndication.notifier.mail;

import javax.net.SocketFactory;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * Opens {@link MailComposer#toMimeMessage} to the benchmark, so that its plain Jakarta
 * Mail loop sends exactly the messages the notifier sends. It lives in the composer's
 * package, in the benchmark module only: the service keeps the method package-private.
 */
public final class MimeMessages {

	private MimeMessages() {
	}

	/**
	 * The MIME message the notifier would send for a mail.
	 * @param composer the composer that wrote the mail
	 * @param mail the mail
	 * @param session the session the message belongs to
	 * @return the message, ready to send
	 * @throws MessagingException if the message cannot be built
	 */
	public static MimeMessage of(MailComposer composer, OutgoingMail mail, Session session) throws MessagingException {
		return composer.toMimeMessage(mail, session);
	}

	/**
	 * The socket factory the notifier's mailer uses ({@code TCP_NODELAY}), so that the
	 * plain loop writes to the server the same way.
	 * @return the factory
	 */
	public static SocketFactory socketFactory() {
		return NoDelaySocketFactory.INSTANCE;
	}

}
