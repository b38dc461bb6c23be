package org.syndication.notifier.subscription;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.syndication.notifier.bounce.BounceKind;
import org.syndication.notifier.bounce.BounceReportRepository;
import org.syndication.notifier.delivery.DeliveryHistory;
import org.syndication.notifier.delivery.DeliveryStatus;
import org.syndication.notifier.subscription.AdminAnswers.ArticleMails;
import org.syndication.notifier.subscription.AdminAnswers.BouncePart;
import org.syndication.notifier.subscription.AdminAnswers.DigestItemPart;
import org.syndication.notifier.subscription.AdminAnswers.Found;
import org.syndication.notifier.subscription.AdminAnswers.FoundSubscriber;
import org.syndication.notifier.subscription.AdminAnswers.MailPart;
import org.syndication.notifier.subscription.AdminAnswers.SubscriberRecord;
import org.syndication.notifier.subscription.AdminAnswers.SubscriptionPart;
import org.syndication.notifier.subscription.AdminAnswers.SuppressionPart;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an administrator can see about subscribers: find them by address, see one
 * subscriber's state and history (the mails queued and sent, the bounces and complaints),
 * and count what became of an article's mails. Each part of the history comes from the
 * part of the service that keeps it: the delivery queue, the bounce reports.
 */
@Service
class SubscriberRecords {

	/** Subscribers found per search at most. */
	static final int FOUND_AT_MOST = 50;

	private final SubscriberRepository subscribers;

	private final SuppressionList suppressions;

	private final DeliveryHistory deliveries;

	private final BounceReportRepository bounces;

	SubscriberRecords(SubscriberRepository subscribers, SuppressionList suppressions, DeliveryHistory deliveries,
			BounceReportRepository bounces) {
		this.subscribers = subscribers;
		this.suppressions = suppressions;
		this.deliveries = deliveries;
		this.bounces = bounces;
	}

	/**
	 * Subscribers whose address contains the text, case-insensitively, by address.
	 * @param text a part of the address
	 * @return at most {@value #FOUND_AT_MOST} of them
	 */
	@Transactional(readOnly = true)
	Found find(String text) {
		String pattern = SubscriberAdministration.containing(SubscriptionService.emailKey(text));
		return new Found(this.subscribers.find(pattern, FOUND_AT_MOST).stream().map(FoundSubscriber::of).toList());
	}

	/**
	 * Everything the notifier holds about a subscriber: the subscription, whether the
	 * address is suppressed, every mail queued for it and what became of it, the articles
	 * its digests listed, and the bounces and complaints about its mails.
	 * @return the record, or empty if there is no such subscriber
	 */
	@Transactional(readOnly = true)
	Optional<SubscriberRecord> record(UUID id) {
		return this.subscribers.findById(id)
			.map((subscriber) -> new SubscriberRecord(SubscriptionPart.of(subscriber),
					this.suppressions.find(SubscriptionService.emailKey(subscriber.email()))
						.map((suppression) -> new SuppressionPart(suppression.reason(), suppression.since()))
						.orElse(null),
					this.deliveries.mails(id)
						.stream()
						.map((mail) -> new MailPart(mail.id(), mail.kind(), mail.articleId(), mail.periodKey(),
								mail.status(), mail.attempts(), mail.messageId(), mail.lastError(), mail.queuedAt(),
								mail.sentAt()))
						.toList(),
					this.deliveries.digestEntries(id)
						.stream()
						.map((entry) -> new DigestItemPart(entry.deliveryId(), entry.articleId()))
						.toList(),
					this.bounces.of(id)
						.stream()
						.map((report) -> new BouncePart(report.kind(), report.deliveryId(), report.status(),
								report.detail(), report.receivedAt()))
						.toList()));
	}

	/**
	 * What became of an article's mails: alerts queued and not yet sent, sent, failed,
	 * cancelled, and of those sent, how many bounced or drew a complaint.
	 */
	@Transactional(readOnly = true)
	ArticleMails articleMails(UUID article) {
		Map<DeliveryStatus, Long> byStatus = this.deliveries.statusesOfArticle(article);
		Map<BounceKind, Long> reports = this.bounces.aboutArticle(article);
		long permanent = reports.getOrDefault(BounceKind.PERMANENT, 0L);
		return new ArticleMails(article, byStatus.get(DeliveryStatus.PENDING), byStatus.get(DeliveryStatus.SENT),
				byStatus.get(DeliveryStatus.FAILED), byStatus.get(DeliveryStatus.CANCELLED),
				permanent + reports.getOrDefault(BounceKind.TRANSIENT, 0L), permanent,
				reports.getOrDefault(BounceKind.COMPLAINT, 0L));
	}

}
