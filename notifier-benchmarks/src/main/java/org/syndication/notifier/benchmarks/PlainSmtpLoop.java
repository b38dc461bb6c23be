package org.syndication.notifier.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.syndication.notifier.mail.ArticleContent;
import org.syndication.notifier.mail.MailComposer;
import org.syndication.notifier.mail.MailSettings;
import org.syndication.notifier.mail.MimeMessages;
import org.syndication.notifier.mail.OutgoingMail;
import org.syndication.notifier.subscription.SubscriptionLinks;

/**
 * The practical limit: the simplest sender there is, one Jakarta Mail {@link Transport}
 * connected once and {@code sendMessage} in a loop, with no database and no rate limit,
 * and the session settings of the notifier's mailer (timeouts, {@code TCP_NODELAY}). Each
 * mail is composed in the loop exactly as the notifier composes it (same composer, same
 * signed links, same MIME message), so both send the same bytes.
 */
final class PlainSmtpLoop {

	private final MailSink sink;

	private final MailComposer composer;

	private final SubscriptionLinks links;

	private final Session session;

	PlainSmtpLoop(MailSink sink, MailSettings settings, MailComposer composer, SubscriptionLinks links) {
		this.sink = sink;
		this.composer = composer;
		this.links = links;
		Properties properties = new Properties();
		// The session settings the notifier's mailer uses.
		properties.setProperty("mail.transport.protocol", "smtp");
		properties.setProperty("mail.smtp.auth", "false");
		properties.setProperty("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
		properties.setProperty("mail.smtp.timeout", Long.toString(settings.readTimeout().toMillis()));
		properties.setProperty("mail.smtp.writetimeout", Long.toString(settings.writeTimeout().toMillis()));
		properties.setProperty("mail.smtp.quitwait", "false");
		properties.put("mail.smtp.socketFactory", MimeMessages.socketFactory());
		properties.setProperty("mail.smtp.socketFactory.fallback", "false");
		this.session = Session.getInstance(properties);
	}

	/**
	 * Sends one alert to each recipient and waits until the server has stored them all.
	 * @return from before connecting to the last message stored
	 */
	Duration send(ArticleContent article, List<Recipient> recipients, Duration patience)
			throws MessagingException, InterruptedException {
		CountDownLatch stored = this.sink.expect(recipients.size());
		long start = System.nanoTime();
		Transport transport = this.session.getTransport("smtp");
		transport.connect(this.sink.host(), this.sink.port(), null, null);
		try {
			for (Recipient recipient : recipients) {
				MimeMessage message = message(article, recipient);
				transport.sendMessage(message, message.getAllRecipients());
			}
		}
		finally {
			transport.close();
		}
		if (!MailSink.await(stored, patience)) {
			throw new IllegalStateException("The SMTP server stored only " + (recipients.size() - stored.getCount())
					+ " of " + recipients.size() + " messages of the plain loop");
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/**
	 * What composing costs on one thread, without sending: the notifier writes the mails
	 * of a batch ({@link MailComposer#alert}) on its dispatch thread and turns them into
	 * MIME messages on its sending threads.
	 * @return nanoseconds per mail for writing it and for making its MIME message
	 */
	long[] composeCost(ArticleContent article, List<Recipient> recipients) throws MessagingException {
		long writing = 0;
		long mime = 0;
		for (Recipient recipient : recipients) {
			long start = System.nanoTime();
			OutgoingMail mail = mail(article, recipient);
			long written = System.nanoTime();
			MimeMessages.of(this.composer, mail, this.session);
			mime += System.nanoTime() - written;
			writing += written - start;
		}
		return new long[] { writing / recipients.size(), mime / recipients.size() };
	}

	private MimeMessage message(ArticleContent article, Recipient recipient) throws MessagingException {
		return MimeMessages.of(this.composer, mail(article, recipient), this.session);
	}

	private OutgoingMail mail(ArticleContent article, Recipient recipient) {
		return this.composer.alert(article, recipient.email(), this.links.unsubscribeUrl(recipient.id()),
				this.links.manageUrl(recipient.id()));
	}

	record Recipient(UUID id, String email) {

	}

}
