package org.syndication.notifier.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.syndication.notifier.digest.Frequency;
import org.syndication.notifier.mail.ArticleContent;

/**
 * A queued mail whose time has come, with what is needed to compose it.
 *
 * @param id the delivery's id
 * @param kind what mail it is
 * @param articleId the article of an alert, else {@code null}
 * @param periodKey the period of a digest, such as {@code daily-2026-03-29}, else
 * {@code null}
 * @param subscriberId the subscriber
 * @param attempts how often sending was tried
 * @param createdAt when it was queued
 * @param email the subscriber's address
 * @param subscriberStatus the subscriber's status now
 * @param generation the subscription's generation, for confirmation links
 * @param requestedAt when the subscription was requested, for confirmation links
 * @param suppressed whether the address is on the suppression list
 * @param article the article of an alert as it is now, else {@code null}
 * @param digest the articles of a digest as they are now, newest first, without those
 * retracted since; empty for other mails
 * @param trace the trace of an alert's article (a W3C {@code traceparent}), which its
 * sending joins; {@code null} for other mails or an article not traced
 */
record DueMail(long id, MailKind kind, UUID articleId, String periodKey, UUID subscriberId, int attempts,
		Instant createdAt, String email, SubscriberStatus subscriberStatus, int generation, Instant requestedAt,
		boolean suppressed, Article article, List<Article> digest, String trace) {

	DueMail {
		digest = List.copyOf(digest);
	}

	DueMail withDigest(List<Article> articles) {
		return new DueMail(this.id, this.kind, this.articleId, this.periodKey, this.subscriberId, this.attempts,
				this.createdAt, this.email, this.subscriberStatus, this.generation, this.requestedAt, this.suppressed,
				this.article, articles, this.trace);
	}

	/**
	 * Where the subscriber's double opt-in stands, as the subscription table says it
	 * ({@code subscriber.status}).
	 */
	enum SubscriberStatus {

		PENDING, CONFIRMED, UNSUBSCRIBED

	}

	/** An article as a mail shows it. */
	record Article(String title, String summary, String contentHtml, String url, String language, boolean retracted,
			ArticleContent.Image image) {

	}

	/**
	 * Whether the mail may still go out: the subscription and the articles are as they
	 * were.
	 */
	boolean stillWanted() {
		return switch (this.kind) {
			case ALERT -> this.subscriberStatus == SubscriberStatus.CONFIRMED && !this.suppressed
					&& this.article != null && !this.article.retracted();
			case CONFIRMATION -> this.subscriberStatus == SubscriberStatus.PENDING;
			// Nothing is sent when every article of the digest was retracted meanwhile.
			case DIGEST ->
				this.subscriberStatus == SubscriberStatus.CONFIRMED && !this.suppressed && !this.digest.isEmpty();
		};
	}

	/**
	 * The frequency of a digest, the first part of its period key ({@code daily} in
	 * {@code daily-2026-03-29}); {@code null} for other mails.
	 */
	Frequency digestFrequency() {
		return (this.periodKey != null)
				? Frequency.of(this.periodKey.substring(0, this.periodKey.indexOf('-'))).orElseThrow() : null;
	}

}
