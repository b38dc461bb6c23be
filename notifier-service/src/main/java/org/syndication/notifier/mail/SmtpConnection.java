package org.syndication.notifier.mail;

import java.time.Duration;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * One SMTP connection that stays open across mails and batches, used by one worker at a
 * time. It is opened anew after {@link MailSettings#messagesPerConnection()} messages, as
 * many servers limit messages per session, and after it broke.
 */
final class SmtpConnection {

	/** Servers drop idle sessions; one idle this long is checked (NOOP) before use. */
	private static final long VERIFY_AFTER_IDLE_NANOS = Duration.ofSeconds(30).toNanos();

	private final SmtpServer server;

	private final int messagesPerConnection;

	private Transport transport;

	private int sent;

	private long lastUsed;

	SmtpConnection(SmtpServer server, int messagesPerConnection) {
		this.server = server;
		this.messagesPerConnection = messagesPerConnection;
	}

	/** Makes sure the connection is open and fit for another message. */
	void open() throws MessagingException {
		if (this.transport != null && (this.sent >= this.messagesPerConnection || staleAndDead())) {
			close();
		}
		if (this.transport == null) {
			this.transport = this.server.connect();
			this.sent = 0;
			this.lastUsed = System.nanoTime();
		}
	}

	private boolean staleAndDead() {
		// SMTPTransport.isConnected() sends a NOOP.
		return System.nanoTime() - this.lastUsed > VERIFY_AFTER_IDLE_NANOS && !this.transport.isConnected();
	}

	void send(MimeMessage message) throws MessagingException {
		this.sent++;
		this.lastUsed = System.nanoTime();
		this.transport.sendMessage(message, message.getAllRecipients());
	}

	void close() {
		SmtpServer.closeQuietly(this.transport);
		this.transport = null;
	}

}
