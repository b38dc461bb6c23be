package org.syndication.feed.websub;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.documents.FeedCache;
import org.syndication.feed.documents.RenderedFeed;
import org.syndication.feed.rendering.FeedFormat;

import org.springframework.context.SmartLifecycle;

/**
 * Sends the pushes owed: at once when this instance has queued some, and every
 * {@code feed.websub.poll-interval} for retries and for pushes other instances queued.
 * One thread claims chunks of due pushes and sends each chunk's pushes concurrently, up
 * to {@code feed.websub.max-concurrent-pushes} at a time. A push carries the feed as it
 * is when it is sent, so changes that come quickly after another reach a subscriber in
 * fewer pushes.
 */
class PushDistribution implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PushDistribution.class);

	private static final int CHUNK = 200;

	private final PushClaims claims;

	private final FeedCache feeds;

	private final CallbackClient client;

	private final HubSettings settings;

	private final Clock clock;

	private final Semaphore wake = new Semaphore(0);

	private final Semaphore inFlight;

	private final Duration claimLease;

	private final Map<PushClaims.Outcome.Kind, Counter> outcomes = new HashMap<>();

	private volatile Thread thread;

	PushDistribution(PushClaims claims, FeedCache feeds, CallbackClient client, HubSettings settings, Clock clock,
			MeterRegistry meters) {
		this.claims = claims;
		this.feeds = feeds;
		this.client = client;
		this.settings = settings;
		this.clock = clock;
		this.inFlight = new Semaphore(settings.maxConcurrentPushes());
		// Long enough for a whole chunk of callbacks that take all their time.
		long rounds = (CHUNK + settings.maxConcurrentPushes() - 1) / settings.maxConcurrentPushes() + 1;
		this.claimLease = settings.connectTimeout().plus(settings.requestTimeout()).multipliedBy(rounds);
		for (PushClaims.Outcome.Kind kind : PushClaims.Outcome.Kind.values()) {
			this.outcomes.put(kind,
					Counter.builder("feed.websub.pushes")
						.description("Pushes to WebSub subscribers, by what became of them")
						.tag("outcome", kind.name().toLowerCase(Locale.ROOT).replace('_', '-'))
						.register(meters));
		}
	}

	/** Sends due pushes now rather than at the next look. */
	void wake() {
		this.wake.release();
	}

	@Override
	public void start() {
		Thread started = new Thread(this::run, "websub-pushes");
		started.setDaemon(true);
		this.thread = started;
		started.start();
	}

	@Override
	public void stop() {
		Thread running = this.thread;
		this.thread = null;
		if (running != null) {
			running.interrupt();
			try {
				running.join(this.settings.requestTimeout().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	private void run() {
		while (this.thread == Thread.currentThread()) {
			try {
				this.wake.tryAcquire(this.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
				this.wake.drainPermits();
				sendDue();
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				// The database away, most likely: the claims' leases run out and the
				// pushes
				// are taken again at a later look.
				logger.warn("Could not send WebSub pushes; trying again at the next look", ex);
			}
		}
	}

	/** Sends every push that is due, a chunk at a time, until none is left. */
	void sendDue() throws InterruptedException {
		while (true) {
			List<PushClaims.Push> pushes = this.claims.claim(Instant.now(this.clock), CHUNK, this.claimLease);
			if (pushes.isEmpty()) {
				return;
			}
			Map<FeedKey, Map<FeedFormat, Optional<RenderedFeed>>> bodies = new HashMap<>();
			List<CompletableFuture<PushClaims.Outcome>> sent = new ArrayList<>(pushes.size());
			for (PushClaims.Push push : pushes) {
				if (push.feed() == null) {
					sent.add(CompletableFuture.completedFuture(outcome(push, PushClaims.Outcome.Kind.ENDED)));
					continue;
				}
				Optional<RenderedFeed> body = bodies.computeIfAbsent(push.feed(), (key) -> new HashMap<>())
					.computeIfAbsent(push.format(), (format) -> this.feeds.current(push.feed(), format));
				if (body.isEmpty()) {
					sent.add(CompletableFuture.completedFuture(outcome(push, PushClaims.Outcome.Kind.GIVEN_UP)));
					continue;
				}
				this.inFlight.acquire();
				sent.add(send(push, body.get()).whenComplete((outcome, ex) -> this.inFlight.release()));
			}
			List<PushClaims.Outcome> results = sent.stream().map(CompletableFuture::join).toList();
			this.claims.record(results, Instant.now(this.clock));
			results.forEach((result) -> this.outcomes.get(result.kind()).increment());
		}
	}

	private CompletableFuture<PushClaims.Outcome> send(PushClaims.Push push, RenderedFeed body) {
		CompletableFuture<Integer> status;
		try {
			status = this.client.push(URI.create(push.callback()), push.topic(), push.secret(), body, push.trace());
		}
		catch (CallbackPolicy.RefusedCallback | IllegalArgumentException ex) {
			return CompletableFuture.completedFuture(failed(push, ex.getMessage()));
		}
		return status.handle((code, ex) -> {
			if (ex != null) {
				return failed(push, ex.toString());
			}
			if (code / 100 == 2) {
				return new PushClaims.Outcome(push, PushClaims.Outcome.Kind.DONE, null, body.revision());
			}
			if (code == 410) {
				logger.info("{} answered 410 Gone: its subscription to {} ends", push.callback(), push.topic());
				return outcome(push, PushClaims.Outcome.Kind.ENDED);
			}
			return failed(push, "HTTP " + code);
		});
	}

	private PushClaims.Outcome failed(PushClaims.Push push, String why) {
		Instant now = Instant.now(this.clock);
		Instant failingSince = (push.firstFailedAt() != null) ? push.firstFailedAt() : now;
		if (!now.isBefore(failingSince.plus(this.settings.retryFor()))) {
			logger.warn("Gave up pushing {} to {} after {} attempts since {}: {}", push.topic(), push.callback(),
					push.attempts() + 1, failingSince, why);
			return outcome(push, PushClaims.Outcome.Kind.GIVEN_UP);
		}
		Duration wait = this.settings.retryAfter(push.attempts() + 1);
		logger.info("Push of {} to {} failed ({}); trying again in {}", push.topic(), push.callback(), why, wait);
		return new PushClaims.Outcome(push, PushClaims.Outcome.Kind.RETRY, now.plus(wait));
	}

	private static PushClaims.Outcome outcome(PushClaims.Push push, PushClaims.Outcome.Kind kind) {
		return new PushClaims.Outcome(push, kind, null);
	}

}
