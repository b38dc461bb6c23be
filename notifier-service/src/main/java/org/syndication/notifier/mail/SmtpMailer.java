package org.syndication.notifier.mail;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends mails over a pool of SMTP connections that stay open and are reused, at most
 * {@link MailSettings#messagesPerSecond()} messages per second over all of them.
 * <p>
 * Each of the {@link MailSettings#connections()} worker threads owns one connection while
 * it sends. A connection is opened again after
 * {@link MailSettings#messagesPerConnection()} messages or after it broke. When a
 * connection cannot be opened, the server is taken to be down for the rest of the batch:
 * the mails not yet sent fail at once instead of each waiting for its own timeout.
 */
public class SmtpMailer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SmtpMailer.class);

	/** Servers drop idle sessions; one idle this long is checked (NOOP) before use. */
	private static final long VERIFY_AFTER_IDLE_NANOS = Duration.ofSeconds(30).toNanos();

	private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)(?:[ -]|$)");

	private static final SendOutcome ACCEPTED = new SendOutcome.Accepted();

	private final String host;

	private final int port;

	private final String username;

	private final String password;

	private final MailComposer composer;

	private final Session session;

	private final int messagesPerConnection;

	private final Bucket rateLimit;

	private final BlockingQueue<Connection> idle;

	private final ExecutorService workers;

	private final int connections;

	private volatile boolean closed;

	/**
	 * A mailer for the SMTP server at {@code host:port}.
	 * @param host the SMTP server
	 * @param port its port
	 * @param username the user to log in as, {@code null} for none
	 * @param password the password
	 * @param settings pool size, rate, timeouts
	 * @param composer turns mails into MIME messages
	 */
	public SmtpMailer(String host, int port, String username, String password, MailSettings settings,
			MailComposer composer) {
		this(host, port, username, password, settings, composer, Map.of());
	}

	/**
	 * A mailer for the SMTP server at {@code host:port}, with further Jakarta Mail
	 * session properties such as {@code mail.smtp.starttls.enable}.
	 * @param host the SMTP server
	 * @param port its port
	 * @param username the user to log in as, {@code null} for none
	 * @param password the password
	 * @param settings pool size, rate, timeouts
	 * @param composer turns mails into MIME messages
	 * @param sessionProperties further {@code mail.*} properties (Boot's
	 * {@code spring.mail.properties}); they override the ones made from the settings
	 */
	public SmtpMailer(String host, int port, String username, String password, MailSettings settings,
			MailComposer composer, Map<String, String> sessionProperties) {
		this.host = host;
		this.port = port;
		this.username = (username != null && !username.isBlank()) ? username : null;
		this.password = password;
		this.composer = composer;
		this.session = Session.getInstance(sessionProperties(settings, this.username != null, sessionProperties));
		this.messagesPerConnection = settings.messagesPerConnection();
		this.rateLimit = rateLimit(settings.messagesPerSecond());
		this.connections = settings.connections();
		this.idle = new LinkedBlockingQueue<>();
		for (int i = 0; i < this.connections; i++) {
			this.idle.add(new Connection());
		}
		AtomicInteger threads = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(this.connections, (task) -> {
			Thread thread = new Thread(task, "smtp-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	private static Properties sessionProperties(MailSettings settings, boolean auth, Map<String, String> extra) {
		Properties properties = new Properties();
		properties.setProperty("mail.transport.protocol", "smtp");
		properties.setProperty("mail.smtp.auth", Boolean.toString(auth));
		// Jakarta Mail waits forever by default.
		properties.setProperty("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
		properties.setProperty("mail.smtp.timeout", Long.toString(settings.readTimeout().toMillis()));
		properties.setProperty("mail.smtp.writetimeout", Long.toString(settings.writeTimeout().toMillis()));
		// Nothing to learn from the reply to QUIT; closing a dead connection must not
		// wait.
		properties.setProperty("mail.smtp.quitwait", "false");
		properties.put("mail.smtp.socketFactory", NoDelaySocketFactory.INSTANCE);
		properties.setProperty("mail.smtp.socketFactory.fallback", "false");
		properties.putAll(extra);
		return properties;
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
		if (this.closed) {
			throw new IllegalStateException("The mailer is closed");
		}
		if (mails.isEmpty()) {
			return;
		}
		Batch batch = new Batch(mails, onEach);
		List<Future<?>> running = new ArrayList<>();
		for (int i = 0; i < Math.min(this.connections, mails.size()); i++) {
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

	private void work(Batch batch) {
		Connection connection = this.idle.poll();
		if (connection == null) {
			// Cannot happen: there are as many connections as worker threads.
			connection = new Connection();
		}
		try {
			OutgoingMail mail;
			while ((mail = batch.next()) != null) {
				SendOutcome outcome = sendOne(connection, mail, batch);
				if (!batch.report(mail, outcome)) {
					return;
				}
			}
		}
		finally {
			if (this.closed) {
				connection.close();
			}
			else {
				this.idle.add(connection);
			}
		}
	}

	private SendOutcome sendOne(Connection connection, OutgoingMail mail, Batch batch) {
		MimeMessage message;
		try {
			message = this.composer.toMimeMessage(mail, this.session);
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
			String reason = "cannot connect to " + this.host + ":" + this.port + ": " + describe(ex);
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
		try {
			connection.send(message);
			return ACCEPTED;
		}
		catch (MessagingException ex) {
			// After refusing a recipient Jakarta Mail resets the session (RSET) and
			// throws a plain SendFailedException; after anything else the state of the
			// session is unknown, so it is opened anew.
			if (ex.getClass() != SendFailedException.class || causedByIo(ex)) {
				connection.close();
			}
			return classify(ex);
		}
		catch (RuntimeException ex) {
			connection.close();
			return new SendOutcome.TransientFailure(describe(ex));
		}
	}

	/**
	 * 5xx replies are permanent, everything else (4xx, broken connections, timeouts)
	 * transient. The reply code is read from the server's reply that Jakarta Mail puts in
	 * the exception messages: Angus Mail's {@code SMTPAddressFailedException} and
	 * {@code SMTPSendFailedException}, which also carry it, are not on the compile
	 * classpath (angus-mail is a runtime dependency).
	 */
	static SendOutcome classify(MessagingException ex) {
		Integer code = replyCode(ex);
		if (code != null && code >= 500) {
			return new SendOutcome.PermanentFailure(describe(ex));
		}
		if (code == null && ex instanceof SendFailedException failed && !causedByIo(ex)
				&& failed.getInvalidAddresses() != null && failed.getInvalidAddresses().length > 0) {
			return new SendOutcome.PermanentFailure(describe(ex));
		}
		return new SendOutcome.TransientFailure(describe(ex));
	}

	private static Integer replyCode(Throwable ex) {
		for (Throwable current : chain(ex)) {
			if (current.getMessage() != null) {
				Matcher reply = REPLY_CODE.matcher(current.getMessage());
				if (reply.find()) {
					return Integer.valueOf(reply.group(1));
				}
			}
		}
		return null;
	}

	private static boolean causedByIo(Throwable ex) {
		return chain(ex).stream().anyMatch(IOException.class::isInstance);
	}

	private static List<Throwable> chain(Throwable ex) {
		List<Throwable> chain = new ArrayList<>();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable current = ex; current != null && seen.add(current); current = current.getCause()) {
			chain.add(current);
		}
		return chain;
	}

	/** The server's reply if there is one, else what went wrong and its root cause. */
	private static String describe(Throwable ex) {
		List<Throwable> chain = chain(ex);
		for (Throwable current : chain) {
			if (current.getMessage() != null && REPLY_CODE.matcher(current.getMessage()).find()) {
				return current.getMessage().strip();
			}
		}
		String top = (ex.getMessage() != null) ? ex.getMessage().strip() : ex.getClass().getSimpleName();
		Throwable root = chain.get(chain.size() - 1);
		return (root != ex) ? top + " (" + root + ")" : top;
	}

	/**
	 * Whether the SMTP server answers: connects, says hello (and logs in), and answers a
	 * NOOP. Uses a connection of its own, not one of the pool.
	 * @return {@code true} if it does
	 */
	public boolean isAvailable() {
		Transport transport = null;
		try {
			transport = this.session.getTransport("smtp");
			transport.connect(this.host, this.port, this.username, this.password);
			// SMTPTransport.isConnected() sends a NOOP.
			return transport.isConnected();
		}
		catch (MessagingException | RuntimeException ex) {
			logger.debug("SMTP server {}:{} unavailable", this.host, this.port, ex);
			return false;
		}
		finally {
			closeQuietly(transport);
		}
	}

	/** Where the SMTP server is, for health details. */
	String location() {
		return this.host + ":" + this.port;
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
		Connection connection;
		while ((connection = this.idle.poll()) != null) {
			connection.close();
		}
	}

	private static void closeQuietly(Transport transport) {
		if (transport != null) {
			try {
				transport.close();
			}
			catch (MessagingException | RuntimeException ex) {
				logger.debug("Failed to close SMTP connection", ex);
			}
		}
	}

	/** One SMTP connection, used by one worker at a time. */
	private final class Connection {

		private Transport transport;

		private int sent;

		private long lastUsed;

		void open() throws MessagingException {
			if (this.transport != null && (this.sent >= SmtpMailer.this.messagesPerConnection || staleAndDead())) {
				close();
			}
			if (this.transport == null) {
				Transport opened = SmtpMailer.this.session.getTransport("smtp");
				try {
					opened.connect(SmtpMailer.this.host, SmtpMailer.this.port, SmtpMailer.this.username,
							SmtpMailer.this.password);
				}
				catch (MessagingException | RuntimeException ex) {
					closeQuietly(opened);
					throw ex;
				}
				this.transport = opened;
				this.sent = 0;
				this.lastUsed = System.nanoTime();
			}
		}

		private boolean staleAndDead() {
			return System.nanoTime() - this.lastUsed > VERIFY_AFTER_IDLE_NANOS && !this.transport.isConnected();
		}

		void send(MimeMessage message) throws MessagingException {
			this.sent++;
			this.lastUsed = System.nanoTime();
			this.transport.sendMessage(message, message.getAllRecipients());
		}

		void close() {
			closeQuietly(this.transport);
			this.transport = null;
		}

	}

	/** The mails of one call to send and how far they have got. */
	private static final class Batch {

		private final Queue<OutgoingMail> pending;

		private final BiConsumer<OutgoingMail, SendOutcome> onEach;

		private final AtomicReference<String> stopped = new AtomicReference<>();

		private final AtomicReference<RuntimeException> callbackFailure = new AtomicReference<>();

		Batch(List<OutgoingMail> mails, BiConsumer<OutgoingMail, SendOutcome> onEach) {
			this.pending = new ConcurrentLinkedQueue<>(mails);
			this.onEach = onEach;
		}

		OutgoingMail next() {
			return (this.stopped.get() == null) ? this.pending.poll() : null;
		}

		/** Sends no further mails; {@code true} for the first caller. */
		boolean stop(String reason) {
			return this.stopped.compareAndSet(null, reason);
		}

		/**
		 * Tells the caller; {@code false} if the callback failed and sending must stop.
		 */
		boolean report(OutgoingMail mail, SendOutcome outcome) {
			try {
				this.onEach.accept(mail, outcome);
				return true;
			}
			catch (RuntimeException ex) {
				if (!this.callbackFailure.compareAndSet(null, ex)) {
					this.callbackFailure.get().addSuppressed(ex);
				}
				stop("the outcome of an earlier mail could not be recorded");
				return false;
			}
		}

		void failRemaining() {
			RuntimeException failure = this.callbackFailure.get();
			if (failure != null) {
				throw failure;
			}
			OutgoingMail mail;
			while ((mail = this.pending.poll()) != null) {
				if (!report(mail, new SendOutcome.TransientFailure("not sent: " + this.stopped.get()))) {
					throw this.callbackFailure.get();
				}
			}
		}

	}

}
