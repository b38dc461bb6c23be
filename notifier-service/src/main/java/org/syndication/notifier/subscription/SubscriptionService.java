package org.syndication.notifier.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.bounce.AddressSuppressed;
import org.syndication.notifier.delivery.Deliveries;
import org.syndication.notifier.delivery.HardBounce;
import org.syndication.notifier.digest.Frequency;
import org.syndication.notifier.links.LinkClaims;
import org.syndication.notifier.links.LinkPurpose;
import org.syndication.notifier.links.SubscriptionLinks;
import org.syndication.notifier.subscription.Subscriber.SubscriberStatus;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Double opt-in: a request queues a confirmation mail and nothing else; only a confirmed
 * subscription receives alerts; unsubscribing takes effect at once and puts the address
 * on the suppression list until it subscribes and confirms anew.
 */
@Service
class SubscriptionService {

	/** Enough for any newsroom's sections; a form with more would be no help. */
	private static final int MAX_KNOWN_CATEGORIES = 200;

	/**
	 * A category name that may be subscribed to before any article comes with it (a
	 * section about to open): lower-case letters and digits in words joined by hyphens,
	 * which no mail client takes for a link. Any other name must be one that articles
	 * came with.
	 */
	private static final Pattern SLUG = Pattern
		.compile("(?=.{1,64}$)[\\p{Ll}\\p{Lo}\\p{N}]+(-[\\p{Ll}\\p{Lo}\\p{N}]+)*");

	private final SubscriberRepository subscribers;

	private final Deliveries deliveries;

	private final SubscriptionLinks links;

	private final NotifierProperties properties;

	private final Clock clock;

	private final ErasedAddresses erased;

	private final MailboxKeys mailboxes;

	SubscriptionService(SubscriberRepository subscribers, Deliveries deliveries, SubscriptionLinks links,
			NotifierProperties properties, Clock clock) {
		this.subscribers = subscribers;
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
		List<String> wanted = normalize(categories);
		List<String> unknown = this.subscribers
			.unknownCategories(wanted.stream().filter((name) -> !SLUG.matcher(name).matches()).toList());
		if (!unknown.isEmpty()) {
			throw new UnknownCategoryException(unknown);
		}
		String key = emailKey(email);
		Optional<Subscriber> existing = this.subscribers.findByEmailKeyForUpdate(key);
		if (existing.isEmpty()) {
			Subscriber subscriber = new Subscriber(UUID.randomUUID(), email, SubscriberStatus.PENDING, wanted, 1, now,
					null, frequency, timeZone, null);
			this.subscribers.insert(subscriber, key, now);
			// An erased address that subscribes anew is known again: it stays suppressed,
			// as any suppressed address does, until it confirms.
			this.subscribers.restoreSuppression(this.erased.key(key), key);
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
					this.subscribers.unsuppress(emailKey(subscriber.email()));
				}
				return Subscription.of(subscriber);
			});
	}

	@Transactional
	Optional<Subscription> unsubscribe(String token) {
		return this.links.verify(token, LinkPurpose.UNSUBSCRIBE, now())
			.flatMap((claims) -> this.subscribers.findByIdForUpdate(claims.subscriberId())
				.filter((subscriber) -> isFor(claims, subscriber)))
			.map((subscriber) -> {
				Instant now = now();
				if (subscriber.status() != SubscriberStatus.UNSUBSCRIBED) {
					this.subscribers.update(subscriber.withStatus(SubscriberStatus.UNSUBSCRIBED), now);
				}
				this.subscribers.suppress(emailKey(subscriber.email()), "unsubscribed", now);
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
				.filter((subscriber) -> isFor(claims, subscriber)))
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
				.filter((subscriber) -> isFor(claims, subscriber))
				.isEmpty())
			.isPresent();
	}

	/**
	 * Whether an unsubscribe or preference link is for the subscriber's current
	 * subscription. Unsubscribe links from before links were bound to a subscription
	 * still unsubscribe, as they did: they are in mailboxes, and mailbox providers expect
	 * them to work. Preference links from then are refused: every new mail brings a bound
	 * one.
	 */
	private static boolean isFor(LinkClaims claims, Subscriber subscriber) {
		if (claims.generation() == LinkClaims.UNBOUND) {
			return claims.purpose() == LinkPurpose.UNSUBSCRIBE;
		}
		return claims.generation() == subscriber.generation();
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
				.filter((subscriber) -> isFor(claims, subscriber)))
			.filter((subscriber) -> subscriber.status() == SubscriberStatus.CONFIRMED)
			.map((subscriber) -> {
				Instant now = now();
				Subscriber changed = subscriber.withPreferences(normalize(categories),
						(frequency != null) ? frequency : subscriber.frequency(),
						(timeZone != null) ? timeZone.orElse(null) : subscriber.timeZone(), now);
				this.subscribers.update(changed, now);
				return Subscription.of(changed);
			});
	}

	/** The categories of recent articles, for a sign-up form to offer. */
	@Transactional(readOnly = true)
	List<String> knownCategories() {
		return this.subscribers.knownCategories(MAX_KNOWN_CATEGORIES);
	}

	/**
	 * Counts a permanent delivery failure; enough of them suppress the address.
	 * @param bounce the subscriber whose address bounced
	 */
	@EventListener
	@Transactional
	void recordHardBounce(HardBounce bounce) {
		int bounces = this.subscribers.recordHardBounce(bounce.subscriberId());
		if (bounces >= this.properties.hardBouncesToSuppress()) {
			this.subscribers.findById(bounce.subscriberId())
				.ifPresent((subscriber) -> this.subscribers.suppress(emailKey(subscriber.email()), "bounced", now()));
		}
	}

	/**
	 * Suppresses an address a bounce or a complaint calls for, ends the subscription if
	 * asked, and cancels what is queued for it, in the transaction that applies the
	 * report.
	 * @param suppressed whom, and why
	 */
	@EventListener
	@Transactional
	void suppress(AddressSuppressed suppressed) {
		this.subscribers.findByIdForUpdate(suppressed.subscriberId()).ifPresent((subscriber) -> {
			Instant now = now();
			if (suppressed.unsubscribe() && subscriber.status() != SubscriberStatus.UNSUBSCRIBED) {
				this.subscribers.update(subscriber.withStatus(SubscriberStatus.UNSUBSCRIBED), now);
			}
			this.subscribers.suppress(emailKey(subscriber.email()), suppressed.reason(), now);
			this.deliveries.cancelPending(subscriber.id());
		});
	}

	@Scheduled(fixedDelay = 60, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
	@SchedulerLock(name = "subscription-expiry")
	@Transactional
	void expireUnconfirmed() {
		Instant now = now();
		this.subscribers.expireUnconfirmed(now.minus(this.properties.confirmationExpiry()), now);
		this.subscribers.deleteConfirmationCooldowns(now.minus(this.properties.confirmationCooldown()));
	}

	/**
	 * Queues a confirmation unless one went to the same mailbox within the cooldown,
	 * under whichever spelling of the address: the form must not be a way to flood a
	 * mailbox.
	 */
	private void confirmAgainUnlessRecent(UUID subscriberId, String email, Instant now) {
		if (this.subscribers.startConfirmationCooldown(this.mailboxes.key(email),
				now.minus(this.properties.confirmationCooldown()), now)) {
			this.deliveries.enqueueConfirmation(subscriberId, now);
		}
	}

	static String emailKey(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	/** Categories match case-insensitively, as feeds do. */
	static List<String> normalize(List<String> categories) {
		if (categories == null) {
			return List.of();
		}
		LinkedHashSet<String> normalized = new LinkedHashSet<>();
		categories.stream()
			.filter((category) -> category != null && !category.isBlank())
			.map((category) -> category.strip().toLowerCase(Locale.ROOT))
			.forEach(normalized::add);
		return List.copyOf(normalized);
	}

	private Instant now() {
		return Instant.now(this.clock).truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * What a page may show about a subscription.
	 *
	 * @param id the subscriber's id
	 * @param email the address
	 * @param status where the double opt-in stands
	 * @param categories the categories wanted; empty for every article
	 * @param frequency alerts or digests
	 * @param timeZone the zone of the digest hour, or {@code null} for the notifier's own
	 */
	record Subscription(UUID id, String email, String status, List<String> categories, Frequency frequency,
			ZoneId timeZone) {

		static Subscription of(Subscriber subscriber) {
			return new Subscription(subscriber.id(), subscriber.email(), subscriber.status().name(),
					subscriber.categories(), subscriber.frequency(), subscriber.timeZone());
		}

	}

}
