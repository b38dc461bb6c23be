package org.syndication.feed.websub;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.feed.FeedProperties;
import org.syndication.feed.documents.FeedAddress;
import org.syndication.feed.documents.FeedCache;

/**
 * Takes subscription requests: checks them at once, answers, and verifies the
 * subscriber's intent afterwards, saving or ending the subscription only when the
 * callback confirms it.
 */
class Hub {

	private static final Logger logger = LoggerFactory.getLogger(Hub.class);

	private final SecureRandom random = new SecureRandom();

	private final Subscriptions subscriptions;

	private final CallbackClient client;

	private final CallbackPolicy policy;

	private final Topics topics;

	private final Verifications verifications;

	Hub(Subscriptions subscriptions, CallbackClient client, CallbackPolicy policy, Topics topics,
			Verifications verifications) {
		this.subscriptions = subscriptions;
		this.client = client;
		this.policy = policy;
		this.topics = topics;
		this.verifications = verifications;
	}

	/**
	 * Accepts a request for verification, or refuses it.
	 * @throws HubRequest.BadHubRequest for a topic that is not one of this service's
	 * feeds
	 * @throws CallbackPolicy.RefusedCallback for a callback the hub will not call
	 * @throws TooManySubscriptions when the callback's host holds the most subscriptions
	 * @throws Busy when verifications, or those of the callback's host, are queued to
	 * their limit
	 */
	void accept(HubRequest request) {
		Topic topic = this.topics.resolve(request.topic())
			.orElseThrow(() -> new HubRequest.BadHubRequest("hub.topic is not a feed of this hub: " + request.topic()));
		// From here on the callback's one spelling, however the subscriber wrote it.
		URI callback = this.policy.parse(request.callback());
		this.policy.check(callback);
		String host = CallbackUrls.host(callback);
		if (request.subscribes() && !this.subscriptions.exists(topic, callback.toString())
				&& this.subscriptions.countForHost(host) >= this.verifications.settings().maxSubscriptionsPerHost()) {
			throw new TooManySubscriptions(host, this.verifications.settings().maxSubscriptionsPerHost());
		}
		try {
			this.verifications.lanes().execute(host, () -> verify(request, topic, callback));
		}
		catch (RejectedExecutionException ex) {
			throw new Busy();
		}
	}

	private void verify(HubRequest request, Topic topic, URI callback) {
		HubSettings settings = this.verifications.settings();
		Duration lease = settings.lease(request.leaseSeconds());
		String challenge = challenge();
		boolean confirmed;
		try {
			confirmed = this.client.verify(callback, request.mode(), request.topic(), challenge,
					request.subscribes() ? lease.toSeconds() : null);
		}
		catch (IOException | CallbackPolicy.RefusedCallback ex) {
			logger.info("Could not verify the {} of {} to {}: {}", request.mode(), callback, topic.url(),
					ex.toString());
			return;
		}
		if (!confirmed) {
			logger.info("{} did not confirm its {} to {}", callback, request.mode(), topic.url());
			return;
		}
		Instant now = Instant.now(this.verifications.clock());
		if (!request.subscribes()) {
			this.subscriptions.delete(topic, callback.toString());
			logger.info("{} unsubscribed from {}", callback, topic.url());
			return;
		}
		Subscription subscription = new Subscription(topic, callback.toString(), request.secret(), lease,
				now.plus(lease));
		if (this.subscriptions.save(subscription, now, settings.maxSubscriptionsPerHost())) {
			logger.info("{} subscribed to {} for {}", callback, topic.url(), lease);
		}
		else {
			logger.warn("{} confirmed a subscription to {}, but its host holds the most subscriptions allowed",
					callback, topic.url());
		}
	}

	private String challenge() {
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Where verifications run, and what they need besides the collaborators.
	 */
	record Verifications(VerificationLanes lanes, HubSettings settings, Clock clock) {

	}

	/**
	 * Which feed a topic URL names: it must be a feed URL of this service that exists.
	 */
	static class Topics {

		private final String base;

		private final FeedCache feeds;

		Topics(FeedProperties properties, FeedCache feeds) {
			this.base = properties.baseUrl();
			this.feeds = feeds;
		}

		Optional<Topic> resolve(String url) {
			if (!url.startsWith(this.base + "/feeds/") || url.contains("?") || url.contains("#")) {
				return Optional.empty();
			}
			return FeedAddress.ofPath(url.substring(this.base.length()))
				.filter((address) -> this.feeds.get(address.key(), address.format()).isPresent())
				.map((address) -> new Topic(url, this.base + address.path(), address.key(), address.format()));
		}

	}

	/** The callback's host holds as many subscriptions as a host may. */
	static class TooManySubscriptions extends RuntimeException {

		TooManySubscriptions(String host, int limit) {
			super("The callback's host " + host + " holds " + limit + " subscriptions, the most this hub allows");
		}

	}

	/** Verifications are queued to their limit. */
	static class Busy extends RuntimeException {

		Busy() {
			super("The hub is verifying as many subscriptions as it can; try again in a minute");
		}

	}

}
