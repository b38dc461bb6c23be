package org.syndication.notifier.mail;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one mail at a time to the SMTP server, for the workers of {@link SmtpMailer}:
 * builds and signs its message, opens the worker's connection when it is closed, waits
 * for its turn under {@link MailSettings#messagesPerSecond()} (one limit shared by every
 * worker), and reads the server's answer as an outcome.
 */
final class SmtpSender {

	private static final Logger logger = LoggerFactory.getLogger(SmtpSender.class);

	private static final SendOutcome ACCEPTED = new SendOutcome.Accepted();

	private final SmtpServer server;

	private final MimeMessages messages;

	private final DkimSigning signing;

	private final Bucket rateLimit;

	SmtpSender(SmtpServer server, MailSettings settings, MimeMessages messages, DkimSigning signing) {
		this.server = server;
		this.messages = messages;
		this.signing = signing;
		this.rateLimit = rateLimit(settings.messagesPerSecond());
	}

	/**
	 * A bucket that holds a tenth of a second's worth of messages, so bursts stay short,
	 * and refills at the configured rate.
	 */
	private static Bucket rateLimit(int messagesPerSecond) {
		long burst = Math.max(1, messagesPerSecond / 10);
		Duration refillPeriod = Duration.ofNanos(TimeUnit.SECONDS.toNanos(1) * burst / messagesPerSecond);
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(burst).refillGreedy(burst, refillPeriod).build())
			.build();
	}

	/**
	 * Sends one mail over a connection of the pool.
	 * @param connection the worker's connection, opened here if it is closed, and closed
	 * when its state is unknown after a failure
	 * @param mail the mail
	 * @param batch the mail's batch: stopped when the server cannot be reached, asked
	 * whether the mail may still start
	 * @return the server's answer; {@code null} if the sender withheld the mail at the
	 * last moment
	 */
	SendOutcome send(SmtpConnection connection, OutgoingMail mail, MailBatch batch) {
		SMTPMessage message;
		try {
			message = this.signing.sign(this.messages.toMimeMessage(mail, this.server.session()));
			if (mail.returnPath() != null) {
				message.setEnvelopeFrom(mail.returnPath());
			}
		}
		catch (AddressException ex) {
			return new SendOutcome.PermanentFailure("invalid recipient address: " + ex.getMessage());
		}
		catch (MessagingException | RuntimeException ex) {
			return new SendOutcome.PermanentFailure("cannot build the message: " + ex.getMessage());
		}
		try {
			connection.open();
		}
		catch (MessagingException ex) {
			connection.close();
			String reason = "cannot connect to " + this.server.location() + ": " + SmtpReplies.describe(ex);
			if (batch.stop("the SMTP server is unavailable")) {
				logger.warn("SMTP server unavailable, failing the rest of the batch: {}", reason);
			}
			return new SendOutcome.TransientFailure(reason);
		}
		try {
			this.rateLimit.asBlocking().consume(1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			batch.stop("interrupted before sending");
			return new SendOutcome.TransientFailure("interrupted before sending");
		}
		if (!batch.mayStart()) {
			return null;
		}
		try {
			connection.send(message);
			return ACCEPTED;
		}
		catch (MessagingException ex) {
			// After refusing a recipient Jakarta Mail resets the session (RSET) and
			// throws a plain SendFailedException; after anything else the state of the
			// session is unknown, so it is opened anew.
			if (ex.getClass() != SendFailedException.class || SmtpReplies.causedByIo(ex)) {
				connection.close();
			}
			return SmtpReplies.classify(ex);
		}
		catch (RuntimeException ex) {
			connection.close();
			return new SendOutcome.TransientFailure(SmtpReplies.describe(ex));
		}
	}

}
