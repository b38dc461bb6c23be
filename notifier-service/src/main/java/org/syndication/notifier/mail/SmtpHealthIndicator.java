package org.syndication.notifier.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether the SMTP server answers: it connects, says hello (and logs in), and answers a
 * NOOP, over a connection of its own rather than one of the mailer's. Registered as the
 * bean {@code smtpHealthIndicator}, so the health contributor is called {@code smtp}.
 */
class SmtpHealthIndicator extends AbstractHealthIndicator {

	private static final Logger logger = LoggerFactory.getLogger(SmtpHealthIndicator.class);

	private final SmtpServer server;

	SmtpHealthIndicator(SmtpServer server) {
		super("SMTP health check failed");
		this.server = server;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (answers()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("location", this.server.location());
	}

	private boolean answers() {
		Transport transport = null;
		try {
			transport = this.server.connect();
			// SMTPTransport.isConnected() sends a NOOP.
			return transport.isConnected();
		}
		catch (MessagingException | RuntimeException ex) {
			logger.debug("SMTP server {} unavailable", this.server.location(), ex);
			return false;
		}
		finally {
			SmtpServer.closeQuietly(transport);
		}
	}

}
