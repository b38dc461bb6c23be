package org.syndication.notifier.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * GreenMail, the SMTP server of the local stack, in this process on a free port of
 * 127.0.0.1. It keeps every message in memory, in a mailbox per address.
 */
final class GreenMailSink implements MailSink {

	private final GreenMail greenMail;

	private final int port;

	private GreenMailSink(GreenMail greenMail, int port) {
		this.greenMail = greenMail;
		this.port = port;
	}

	static GreenMailSink start() {
		int port = MailSink.freePort();
		GreenMail greenMail = new GreenMail(new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		return new GreenMailSink(greenMail, port);
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String describe() {
		return "GreenMail " + version() + " on " + HOST + ":" + this.port + ", in this process";
	}

	/**
	 * A latch that reaches zero when {@code count} further messages have been stored:
	 * GreenMail counts it down after each delivery, which is cheaper than counting its
	 * mailboxes.
	 */
	@Override
	public CountDownLatch expect(int count) {
		return this.greenMail.getManagers().getSmtpManager().createAndAddNewWaitObject(count);
	}

	@Override
	public long received() {
		return this.greenMail.getReceivedMessages().length;
	}

	/** Of the first 100 stored messages, as GreenMail keeps them. */
	@Override
	public long averageSize() {
		MimeMessage[] messages = this.greenMail.getReceivedMessages();
		int count = Math.min(100, messages.length);
		if (count == 0) {
			return 0;
		}
		long total = 0;
		for (int i = 0; i < count; i++) {
			total += size(messages[i]);
		}
		return total / count;
	}

	/** Drops the stored messages; the mailboxes, one per address, stay. */
	@Override
	public void purge() {
		try {
			this.greenMail.purgeEmailFromAllMailboxes();
		}
		catch (FolderException ex) {
			throw new IllegalStateException("Cannot empty the mailboxes", ex);
		}
	}

	@Override
	public void close() {
		this.greenMail.stop();
	}

	private static long size(MimeMessage message) {
		CountingStream counter = new CountingStream();
		try {
			message.writeTo(counter);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
		return counter.count;
	}

	private static String version() {
		Properties pom = new Properties();
		try (InputStream in = GreenMail.class
			.getResourceAsStream("/META-INF/maven/com.icegreen/greenmail/pom.properties")) {
			if (in != null) {
				pom.load(in);
			}
		}
		catch (IOException ex) {
			// only a name for the report
		}
		return pom.getProperty("version", "");
	}

	private static final class CountingStream extends OutputStream {

		private long count;

		@Override
		public void write(int b) {
			this.count++;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			this.count += length;
		}

	}

}
