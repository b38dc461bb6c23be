package org.syndication.notifier.mail;

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

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends mails with {@link MailSettings#connections()} worker threads, each over a pooled
 * SMTP connection that stays open and is reused, at most
 * {@link MailSettings#messagesPerSecond()} messages per second over all of them. When a
 * connection cannot be opened, the server is taken to be down for the rest of the batch:
 * the mails not yet sent fail at once instead of each waiting for its own timeout. Each
 * mail is handed to the server by {@link SmtpSender}; this class runs the workers.
 */
public class SmtpMailer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SmtpMailer.class);

	private final SmtpSender sender;

	private final SmtpConnectionPool connections;

	private final int workerCount;

	private final ExecutorService workers;

	private volatile boolean closed;

	/**
	 * A mailer for the SMTP server.
	 * @param server where mail goes
	 * @param settings pool size, rate, messages per connection
	 * @param messages turns mails into MIME messages
	 * @param signing signs each message, or not
	 */
	SmtpMailer(SmtpServer server, MailSettings settings, MimeMessages messages, DkimSigning signing) {
		this.sender = new SmtpSender(server, settings, messages, signing);
		this.workerCount = settings.connections();
		this.connections = new SmtpConnectionPool(server, this.workerCount, settings.messagesPerConnection());
		AtomicInteger threads = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(this.workerCount, (task) -> {
			Thread thread = new Thread(task, "smtp-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
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
				SendOutcome outcome = this.sender.send(connection, mail, batch);
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
