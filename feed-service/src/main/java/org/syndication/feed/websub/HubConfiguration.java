package org.syndication.feed.websub;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.feed.FeedProperties;
import org.syndication.feed.documents.FeedCache;
import org.syndication.web.pipeline.Traces;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The WebSub hub, unless {@code feed.websub.enabled} is false.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "feed.websub.enabled", matchIfMissing = true)
class HubConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(HubConfiguration.class);

	// Verifications waiting for a thread; more requests are answered 503.
	private static final int VERIFICATION_QUEUE = 1000;

	@Bean
	CallbackPolicy callbackPolicy(HubSettings settings) {
		return new CallbackPolicy(settings);
	}

	@Bean(destroyMethod = "close")
	CallbackClient callbackClient(CallbackPolicy policy, HubSettings settings, FeedProperties properties,
			Traces traces) {
		return new CallbackClient(policy, settings, settings.url(properties), traces);
	}

	@Bean(destroyMethod = "shutdownNow")
	ThreadPoolExecutor websubVerifications(HubSettings settings) {
		return new ThreadPoolExecutor(settings.verificationThreads(), settings.verificationThreads(), 60,
				TimeUnit.SECONDS, new ArrayBlockingQueue<>(VERIFICATION_QUEUE),
				new CustomizableThreadFactory("websub-verify-"));
	}

	@Bean
	HubRateLimits hubRateLimits(HubSettings settings) {
		return new HubRateLimits(settings);
	}

	@Bean
	Hub hub(Subscriptions subscriptions, CallbackClient client, CallbackPolicy policy, FeedProperties properties,
			FeedCache feeds, ThreadPoolExecutor websubVerifications, HubSettings settings, Clock clock) {
		VerificationLanes lanes = new VerificationLanes(websubVerifications, settings.verificationsPerHost(),
				settings.verificationQueuePerHost());
		return new Hub(subscriptions, client, policy, new Hub.Topics(properties, feeds),
				new Hub.Verifications(lanes, settings, clock));
	}

	@Bean
	PushDistribution pushDistribution(PushClaims claims, FeedCache feeds, CallbackClient client, HubSettings settings,
			Clock clock, MeterRegistry meters) {
		return new PushDistribution(claims, feeds, client, settings, clock, meters);
	}

	@Bean
	PushQueueMetrics pushQueueMetrics(PushQueue queue, HubSettings settings, Clock clock, MeterRegistry meters) {
		return new PushQueueMetrics(queue, settings.metricsInterval(), clock, meters);
	}

	@Bean
	FeedChangePushes feedChangePushes(PushQueue queue, PushDistribution distribution, ApplicationEventPublisher events,
			Clock clock) {
		return new FeedChangePushes(queue, distribution, events, clock);
	}

	@Bean
	SecretResealing secretResealing(Subscriptions subscriptions, SubscriberSecrets secrets) {
		if (!secrets.hasKey()) {
			throw new IllegalStateException("The WebSub hub needs a key to seal subscribers' secrets at rest: set "
					+ "FEED_WEBSUB_SECRET_KEYS (feed.websub.secret-keys) to id:base64-key, e.g. k1:$(openssl rand "
					+ "-base64 32), or disable the hub with FEED_WEBSUB_ENABLED=false");
		}
		return new SecretResealing(subscriptions);
	}

	@Bean
	ExpiredSubscriptions expiredSubscriptions(Subscriptions subscriptions, Clock clock) {
		return new ExpiredSubscriptions(subscriptions, clock);
	}

	@Bean
	@ConditionalOnExpression("'${feed.websub.outside-hubs:}' != ''")
	OutsideHubs outsideHubs(HubSettings settings, FeedProperties properties) {
		return new OutsideHubs(settings.outsideHubs(), properties, settings);
	}

	@Bean
	@ConditionalOnExpression("'${feed.websub.outside-hubs:}' != ''")
	OutsideHubPings outsideHubPings(OutsideHubs hubs) {
		return new OutsideHubPings(hubs);
	}

	/** Pings the outside hubs with the changes of the last second. */
	record OutsideHubPings(OutsideHubs hubs) {

		@Scheduled(fixedDelay = 1_000)
		void ping() {
			// Not waited for: a slow hub must not hold the scheduler that the feeds use.
			this.hubs.ping();
		}

	}

	/**
	 * Seals again the secrets stored as plaintext or under a key that is no longer the
	 * first, soon after the start and then every hour: after a key rotation, once this
	 * has run, the old key may go.
	 */
	record SecretResealing(Subscriptions subscriptions) {

		private static final int BATCH = 500;

		@Scheduled(fixedDelay = 3_600_000, initialDelay = 5_000)
		void reseal() {
			int total = 0;
			for (int sealed = BATCH; sealed == BATCH; total += sealed) {
				sealed = this.subscriptions.resealSome(BATCH);
			}
			if (total > 0) {
				logger.info("{} WebSub subscribers' secrets sealed under the current key", total);
			}
		}

	}

	/** Forgets subscriptions whose lease has ended, once a minute. */
	record ExpiredSubscriptions(Subscriptions subscriptions, Clock clock) {

		@Scheduled(fixedDelay = 60_000, initialDelay = 10_000)
		void delete() {
			int ended = this.subscriptions.deleteExpired(Instant.now(this.clock));
			if (ended > 0) {
				logger.info("{} WebSub subscriptions ended with their lease", ended);
			}
		}

	}

}
