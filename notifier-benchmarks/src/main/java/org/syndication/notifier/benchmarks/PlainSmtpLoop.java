package org.syndication.notifier.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.syndication.notifier.mail.ArticleContent;
import org.syndication.notifier.mail.MailComposer;
import org.syndication.notifier.mail.MimeMail;
import org.syndication.notifier.mail.OutgoingMail;
import org.syndication.notifier.links.SubscriptionLinks;

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

	private final MimeMail mime;

	private final SubscriptionLinks links;

	private final Session session;

	PlainSmtpLoop(MailSink sink, MailComposer composer, MimeMail mime, SubscriptionLinks links) {
		this.sink = sink;
		this.composer = composer;
		this.mime = mime;
		this.links = links;
		this.session = mime.session();
	}

	/**
	 * Sends one alert to each recipient and waits until the server has stored them all.
	 * @return from before connecting to the last message stored
	 */
	Duration send(ArticleContent article, List<Recipient> recipients, Duration patience)
			throws MessagingException, InterruptedException {
		return send(recipients, (recipient) -> mail(article, recipient), patience);
	}

	/**
	 * Sends each digest, composed as the notifier composes a digest mail, and waits until
	 * the server has stored them all.
	 * @param publication the publication's name, as the notifier's subject starts
	 * @param period how the digests call their period, such as {@code daily}
	 * @return from before connecting to the last message stored
	 */
	Duration sendDigests(String publication, String period, List<Digest> digests, Duration patience)
			throws MessagingException, InterruptedException {
		return send(digests,
				(digest) -> this.composer.digest(publication, period, digest.articles(), digest.recipient().email(),
						this.links.unsubscribeUrl(digest.recipient().id(), 1),
						this.links.manageUrl(digest.recipient().id(), 1, Instant.now()), digest.messageKey()),
				patience);
	}

	private <T> Duration send(List<T> mails, Function<T, OutgoingMail> compose, Duration patience)
			throws MessagingException, InterruptedException {
		CountDownLatch stored = this.sink.expect(mails.size());
		long start = System.nanoTime();
		Transport transport = this.session.getTransport("smtp");
		transport.connect(this.sink.host(), this.sink.port(), null, null);
		try {
			for (T mail : mails) {
				MimeMessage message = this.mime.message(compose.apply(mail));
				transport.sendMessage(message, message.getAllRecipients());
			}
		}
		finally {
			transport.close();
		}
		if (!MailSink.await(stored, patience)) {
			throw new IllegalStateException("The SMTP server stored only " + (mails.size() - stored.getCount()) + " of "
					+ mails.size() + " messages of the plain loop");
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
			this.mime.message(mail);
			mime += System.nanoTime() - written;
			writing += written - start;
		}
		return new long[] { writing / recipients.size(), mime / recipients.size() };
	}

	private OutgoingMail mail(ArticleContent article, Recipient recipient) {
		// Each recipient's first subscription, as the notifier's links name it.
		return this.composer.alert(article, recipient.email(), this.links.unsubscribeUrl(recipient.id(), 1),
				this.links.manageUrl(recipient.id(), 1, Instant.now()));
	}

	record Recipient(UUID id, String email) {

	}

	/**
	 * One digest mail.
	 *
	 * @param recipient to whom
	 * @param messageKey what its Message-ID is made from
	 * @param articles what it lists, newest first
	 */
	record Digest(Recipient recipient, String messageKey, List<ArticleContent> articles) {

	}

}
