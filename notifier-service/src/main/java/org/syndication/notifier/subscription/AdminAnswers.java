package org.syndication.notifier.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.syndication.notifier.bounce.BounceKind;
import org.syndication.notifier.delivery.DeliveryStatus;
import org.syndication.notifier.delivery.MailKind;
import org.syndication.notifier.digest.Frequency;
import org.syndication.notifier.subscription.Subscriber.SubscriberStatus;

/**
 * The answers of the administration API, as the subscribers' guide documents them: each
 * record is written as a JSON object with its components in order, a {@code null} one
 * included, and each enum as the value the database holds ({@link Frequency} in lower
 * case).
 */
final class AdminAnswers {

	private AdminAnswers() {
	}

	/** Subscribers found by a part of their address. */
	record Found(List<FoundSubscriber> subscribers) {

	}

	record FoundSubscriber(UUID id, String email, SubscriberStatus status, Frequency frequency, Instant requestedAt,
			Instant confirmedAt, boolean suppressed) {

		static FoundSubscriber of(SubscriberRepository.Found found) {
			return new FoundSubscriber(found.id(), found.email(), found.status(), found.frequency(),
					found.requestedAt(), found.confirmedAt(), found.suppressed());
		}

	}

	/** Everything the notifier holds about a subscriber. */
	record SubscriberRecord(SubscriptionPart subscriber, SuppressionPart suppression, List<MailPart> mails,
			List<DigestItemPart> digestItems, List<BouncePart> bounces) {

	}

	/**
	 * A subscriber's record as a file to hand to them: the record, and when it was made.
	 */
	record Export(Instant exportedAt, SubscriptionPart subscriber, SuppressionPart suppression, List<MailPart> mails,
			List<DigestItemPart> digestItems, List<BouncePart> bounces) {

		static Export of(SubscriberRecord record, Instant exportedAt) {
			return new Export(exportedAt, record.subscriber(), record.suppression(), record.mails(),
					record.digestItems(), record.bounces());
		}

	}

	/**
	 * @param timeZone the zone's id, or {@code null} for the notifier's own
	 */
	record SubscriptionPart(UUID id, String email, SubscriberStatus status, List<String> categories,
			Frequency frequency, String timeZone, Instant requestedAt, Instant confirmedAt) {

		static SubscriptionPart of(Subscriber subscriber) {
			return new SubscriptionPart(subscriber.id(), subscriber.email(), subscriber.status(),
					subscriber.categories(), subscriber.frequency(),
					(subscriber.timeZone() != null) ? subscriber.timeZone().getId() : null, subscriber.requestedAt(),
					subscriber.confirmedAt());
		}

	}

	record SuppressionPart(String reason, Instant since) {

	}

	/**
	 * @param period the period of a digest, such as {@code daily-2026-03-29}
	 */
	record MailPart(long id, MailKind kind, UUID articleId, String period, DeliveryStatus status, int attempts,
			String messageId, String lastError, Instant queuedAt, Instant sentAt) {

	}

	record DigestItemPart(long mailId, UUID articleId) {

	}

	/**
	 * @param mailId the mail reported on, {@code null} if none could be told
	 */
	record BouncePart(BounceKind kind, Long mailId, String status, String detail, Instant receivedAt) {

	}

	/** Suppressed addresses, newest first. */
	record Suppressions(List<SuppressionEntry> suppressions) {

	}

	/**
	 * @param email the address, {@code null} for an erased one
	 * @param erased whether only the address's keyed hash is kept
	 */
	record SuppressionEntry(String email, boolean erased, String reason, Instant since) {

	}

	/**
	 * What became of an article's mails.
	 *
	 * @param queued not sent yet
	 * @param bounced of those sent, how many bounced, for good or for now
	 */
	record ArticleMails(UUID articleId, long queued, long sent, long failed, long cancelled, long bounced,
			long bouncedPermanently, long complained) {

	}

}
