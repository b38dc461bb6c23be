package org.syndication.notifier.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.delivery.Deliveries;
import org.syndication.notifier.digest.Frequency;
import org.syndication.notifier.links.LinkClaims;
import org.syndication.notifier.links.LinkPurpose;
import org.syndication.notifier.links.SubscriptionLinks;
import org.syndication.notifier.subscription.Subscriber.SubscriberStatus;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Double opt-in: a request queues a confirmation mail and nothing else; only a confirmed
 * subscription receives alerts; unsubscribing takes effect at once and puts the address
 * on the suppression list until it subscribes and confirms anew.
 */
@Service
class SubscriptionService {

	private final SubscriberRepository subscribers;

	private final SuppressionList suppressions;

	private final ConfirmationCooldowns cooldowns;

	private final CategoryNames categories;

	private final Deliveries deliveries;

	private final SubscriptionLinks links;

	private final NotifierProperties properties;

	private final Clock clock;

	private final ErasedAddresses erased;

	private final MailboxKeys mailboxes;

	SubscriptionService(SubscriberRepository subscribers, SuppressionList suppressions, ConfirmationCooldowns cooldowns,
			CategoryNames categories, Deliveries deliveries, SubscriptionLinks links, NotifierProperties properties,
			Clock clock) {
		this.subscribers = subscribers;
		this.suppressions = suppressions;
		this.cooldowns = cooldowns;
		this.categories = categories;
		this.deliveries = deliveries;
		this.links = links;
		this.properties = properties;
		this.clock = clock;
		this.erased = new ErasedAddresses(properties.tokenSecret());
		this.mailboxes = new MailboxKeys(properties.tokenSecret());
	}

	/**
	 * Takes a subscription request. Whatever the address's state, the caller answers the
	 * same, so the form tells nobody who is subscribed.
	 * @param email the address
	 * @param categories the categories wanted; none for every article
	 * @param frequency alerts, or a daily or weekly digest
	 * @param timeZone the zone of the digest hour, or {@code null} for the notifier's own
	 * @throws UnknownCategoryException if a category is neither a slug nor one that
	 * articles came with
	 */
	@Transactional
	void subscribe(String email, List<String> categories, Frequency frequency, ZoneId timeZone) {
		Instant now = now();
		List<String> wanted = CategoryNames.normalize(categories);
		this.categories.requireKnown(wanted);
		String key = emailKey(email);
		Optional<Subscriber> existing = this.subscribers.findByEmailKeyForUpdate(key);
		if (existing.isEmpty()) {
			Subscriber subscriber = new Subscriber(UUID.randomUUID(), email, SubscriberStatus.PENDING, wanted, 1, now,
					null, frequency, timeZone, null);
			this.subscribers.insert(subscriber, key, now);
			// An erased address that subscribes anew is known again: it stays suppressed,
			// as any suppressed address does, until it confirms.
			this.suppressions.restoreSuppression(this.erased.key(key), key);
			confirmAgainUnlessRecent(subscriber.id(), email, now);
			return;
		}
		Subscriber subscriber = existing.get();
		switch (subscriber.status()) {
			// Changing a confirmed subscription needs its preference link, not this form.
			case CONFIRMED -> {
			}
			// The first request stands until it is confirmed or expires: anybody may fill
			// in the form, and a later request must not change what the earlier one's
			// link confirms. The confirmation is sent again, with what it confirms; once
			// confirmed, the preference link changes it.
			case PENDING -> confirmAgainUnlessRecent(subscriber.id(), subscriber.email(), now);
			case UNSUBSCRIBED -> {
				this.subscribers.update(
						new Subscriber(subscriber.id(), subscriber.email(), SubscriberStatus.PENDING, wanted,
								subscriber.generation() + 1, now, subscriber.confirmedAt(), frequency, timeZone, null),
						now);
				confirmAgainUnlessRecent(subscriber.id(), subscriber.email(), now);
			}
		}
	}

	@Transactional
	Optional<Subscription> confirm(String token) {
		Optional<LinkClaims> claims = this.links.verify(token, LinkPurpose.CONFIRM, now());
		if (claims.isEmpty()) {
			return Optional.empty();
		}
		return this.subscribers.findByIdForUpdate(claims.get().subscriberId())
			.filter((subscriber) -> subscriber.generation() == claims.get().generation())
			.filter((subscriber) -> subscriber.status() != SubscriberStatus.UNSUBSCRIBED)
			.map((subscriber) -> {
				if (subscriber.status() == SubscriberStatus.PENDING) {
					Instant now = now();
					// A digest subscriber's first digest lists what arrives from now on.
					this.subscribers.update(new Subscriber(subscriber.id(), subscriber.email(),
							SubscriberStatus.CONFIRMED, subscriber.categories(), subscriber.generation(),
							subscriber.requestedAt(), now, subscriber.frequency(), subscriber.timeZone(),
							(subscriber.frequency() != Frequency.IMMEDIATE) ? now : null), now);
					this.suppressions.unsuppress(emailKey(subscriber.email()));
				}
				return Subscription.of(subscriber);
			});
	}

	@Transactional
	Optional<Subscription> unsubscribe(String token) {
		return this.links.verify(token, LinkPurpose.UNSUBSCRIBE, now())
			.flatMap((claims) -> this.subscribers.findByIdForUpdate(claims.subscriberId())
				.filter((subscriber) -> subscriber.isCurrentFor(claims)))
			.map((subscriber) -> {
				Instant now = now();
				if (subscriber.status() != SubscriberStatus.UNSUBSCRIBED) {
					this.subscribers.update(subscriber.withStatus(SubscriberStatus.UNSUBSCRIBED), now);
				}
				this.suppressions.suppress(emailKey(subscriber.email()), "unsubscribed", now);
				this.deliveries.cancelPending(subscriber.id());
				return Subscription.of(subscriber);
			});
	}

	/**
	 * The subscription an unsubscribe or preference link stands for, without changing
	 * anything.
	 */
	@Transactional(readOnly = true)
	Optional<Subscription> view(String token, LinkPurpose purpose) {
		return this.links.verify(token, purpose, now())
			.flatMap((claims) -> this.subscribers.findById(claims.subscriberId())
				.filter((subscriber) -> subscriber.isCurrentFor(claims)))
			.map(Subscription::of);
	}

	/**
	 * The preference link of a subscriber's current subscription, as a mail queued now
	 * would carry it.
	 * @param subscriberId the subscriber
	 * @return the link, or empty if there is no such subscriber
	 */
	@Transactional(readOnly = true)
	Optional<String> manageUrl(UUID subscriberId) {
		return this.subscribers.findById(subscriberId)
			.map((subscriber) -> this.links.manageUrl(subscriber.id(), subscriber.generation(), now()));
	}

	/**
	 * Whether a link is genuine but for a subscription that has ended: the address
	 * unsubscribed and subscribed again, or was erased.
	 * @param token the link's token
	 * @param purpose what the page opened is for
	 * @return {@code true} if the link once worked and never will again
	 */
	@Transactional(readOnly = true)
	boolean isForAnEndedSubscription(String token, LinkPurpose purpose) {
		return this.links.verify(token, purpose, now())
			.filter((claims) -> this.subscribers.findById(claims.subscriberId())
				.filter((subscriber) -> subscriber.isCurrentFor(claims))
				.isEmpty())
			.isPresent();
	}

	/**
	 * Changes a confirmed subscription's categories, frequency and time zone.
	 * @param token the subscriber's preference link token
	 * @param categories the categories wanted; none for every article
	 * @param frequency alerts, or a daily or weekly digest; {@code null} to keep it
	 * @param timeZone the zone of the digest hour; empty for the notifier's own,
	 * {@code null} to keep it
	 * @return the subscription as changed, or empty if the link is not valid or the
	 * subscription not confirmed
	 */
	@Transactional
	Optional<Subscription> changePreferences(String token, List<String> categories, Frequency frequency,
			Optional<ZoneId> timeZone) {
		return this.links.verify(token, LinkPurpose.MANAGE, now())
			.flatMap((claims) -> this.subscribers.findByIdForUpdate(claims.subscriberId())
				.filter((subscriber) -> subscriber.isCurrentFor(claims)))
			.filter((subscriber) -> subscriber.status() == SubscriberStatus.CONFIRMED)
			.map((subscriber) -> {
				Instant now = now();
				Subscriber changed = subscriber.withPreferences(CategoryNames.normalize(categories),
						(frequency != null) ? frequency : subscriber.frequency(),
						(timeZone != null) ? timeZone.orElse(null) : subscriber.timeZone(), now);
				this.subscribers.update(changed, now);
				return Subscription.of(changed);
			});
	}

	/** The categories of recent articles, for a sign-up form to offer. */
	@Transactional(readOnly = true)
	List<String> knownCategories() {
		return this.categories.known();
	}

	/**
	 * Queues a confirmation unless one went to the same mailbox within the cooldown,
	 * under whichever spelling of the address: the form must not be a way to flood a
	 * mailbox.
	 */
	private void confirmAgainUnlessRecent(UUID subscriberId, String email, Instant now) {
		if (this.cooldowns.start(this.mailboxes.key(email), now.minus(this.properties.confirmationCooldown()), now)) {
			this.deliveries.enqueueConfirmation(subscriberId, now);
		}
	}

	static String emailKey(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	private Instant now() {
		return Instant.now(this.clock).truncatedTo(ChronoUnit.MILLIS);
	}

}
