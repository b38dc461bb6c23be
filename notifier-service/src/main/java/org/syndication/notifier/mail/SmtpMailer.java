package org.syndication.notifier.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends mails with {@link MailSettings#connections()} worker threads, each over a pooled
 * SMTP connection that stays open and is reused, at most
 * {@link MailSettings#messagesPerSecond()} messages per second over all of them. When a
 * connection cannot be opened, the server is taken to be down for the rest of the batch:
 * the mails not yet sent fail at once instead of each waiting for its own timeout.
 */
public class SmtpMailer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SmtpMailer.class);

	private static final SendOutcome ACCEPTED = new SendOutcome.Accepted();

	private final SmtpServer server;

	private final MailComposer composer;

	private final DkimSigning signing;

	private final SmtpConnectionPool connections;

	private final int workerCount;

	private final ExecutorService workers;

	private final Bucket rateLimit;

	private volatile boolean closed;

	/**
	 * A mailer for the SMTP server.
	 * @param server where mail goes
	 * @param settings pool size, rate, messages per connection
	 * @param composer turns mails into MIME messages
	 * @param signing signs each message, or not
	 */
	SmtpMailer(SmtpServer server, MailSettings settings, MailComposer composer, DkimSigning signing) {
		this.server = server;
		this.composer = composer;
		this.signing = signing;
		this.workerCount = settings.connections();
		this.connections = new SmtpConnectionPool(server, this.workerCount, settings.messagesPerConnection());
		this.rateLimit = rateLimit(settings.messagesPerSecond());
		AtomicInteger threads = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(this.workerCount, (task) -> {
			Thread thread = new Thread(task, "smtp-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
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
	 * Sends the mails over the pooled connections in parallel and returns when every mail
	 * has its outcome.
	 * <p>
	 * {@code onEach} is called once per mail, right after the server's answer, from the
	 * worker thread that sent it: it must be thread-safe. If it throws, no further mails
	 * are sent (those in flight still finish and are reported), and the first exception
	 * is rethrown once the workers have stopped; the mails not sent then get no outcome.
	 * @param mails the mails
	 * @param onEach told the outcome of each mail
	 */
	public void send(List<OutgoingMail> mails, BiConsumer<OutgoingMail, SendOutcome> onEach) {
		send(mails, () -> true, onEach);
	}

	/**
	 * Sends the mails as {@link #send(List, BiConsumer)} does, as long as
	 * {@code mayStart} says yes: it is asked right before each mail is handed to the
	 * server. Once it says no, no further mail is started, the mails in flight finish and
	 * are reported, and the others get no outcome.
	 * @param mails the mails
	 * @param mayStart whether a mail may still be started; thread-safe and quick
	 * @param onEach told the outcome of each mail
	 */
	public void send(List<OutgoingMail> mails, BooleanSupplier mayStart, BiConsumer<OutgoingMail, SendOutcome> onEach) {
		if (this.closed) {
			throw new IllegalStateException("The mailer is closed");
		}
		if (mails.isEmpty()) {
			return;
		}
		MailBatch batch = new MailBatch(mails, mayStart, onEach);
		List<Future<?>> running = new ArrayList<>();
		for (int i = 0; i < Math.min(this.workerCount, mails.size()); i++) {
			running.add(this.workers.submit(() -> work(batch)));
		}
		boolean interrupted = false;
		for (Future<?> worker : running) {
			while (true) {
				try {
					worker.get();
					break;
				}
				catch (InterruptedException ex) {
					// Stop taking mails, but let those in flight finish: their outcome
					// must reach the caller.
					interrupted = true;
					batch.stop("interrupted before sending");
				}
				catch (ExecutionException ex) {
					batch.stop("worker failed: " + ex.getCause());
					logger.error("SMTP worker failed", ex.getCause());
					break;
				}
			}
		}
		try {
			batch.failRemaining();
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void work(MailBatch batch) {
		SmtpConnection connection = this.connections.take();
		try {
			OutgoingMail mail;
			while ((mail = batch.next()) != null) {
				SendOutcome outcome = sendOne(connection, mail, batch);
				if (outcome == null) {
					// Withheld by the sender: no outcome.
					return;
				}
				if (!batch.report(mail, outcome)) {
					return;
				}
			}
		}
		finally {
			this.connections.giveBack(connection);
		}
	}

	/**
	 * The server's answer; {@code null} if the sender withheld the mail at the last
	 * moment.
	 */
	private SendOutcome sendOne(SmtpConnection connection, OutgoingMail mail, MailBatch batch) {
		SMTPMessage message;
		try {
			message = this.signing.sign(this.composer.toMimeMessage(mail, this.server.session()));
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

	/** Closes the pooled connections; lets a batch in flight finish first. */
	@Override
	@PreDestroy
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.workers.shutdown();
		try {
			if (!this.workers.awaitTermination(30, TimeUnit.SECONDS)) {
				this.workers.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			this.workers.shutdownNow();
			Thread.currentThread().interrupt();
		}
		this.connections.close();
	}

}
