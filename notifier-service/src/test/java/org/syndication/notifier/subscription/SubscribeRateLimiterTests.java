package org.syndication.notifier.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.notifier.NotifierProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-up limit counts networks, not the spellings of one client's address (a host
 * has every loopback address, and an IPv6 customer a whole /64), and every instance of
 * the notifier draws on the same allowance, kept in the database. On H2;
 * {@link SubscribeRateLimiterPostgresTests} runs the same tests on PostgreSQL.
 */
@JdbcTest
// Each request commits, as it does in the service, so that other threads see it.
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class SubscribeRateLimiterTests {

	@Autowired
	private JdbcClient jdbc;

	private SubscribeRateLimiter limiter;

	@BeforeEach
	void noBuckets() {
		this.jdbc.sql("DELETE FROM rate_limit_bucket").update();
		this.limiter = instance(2);
	}

	@Test
	void everyLoopbackAddressIsOneClient() {
		assertThat(this.limiter.acquire("::1")).isZero();
		assertThat(this.limiter.acquire("127.0.0.1")).isZero();
		assertThat(this.limiter.acquire("127.0.0.2")).isPositive();
		assertThat(this.limiter.acquire("0:0:0:0:0:0:0:1")).isPositive();
	}

	@Test
	void theAddressesOfOneIpv6SlashSixtyFourAreOneClient() {
		assertThat(this.limiter.acquire("2001:db8:1:2::1")).isZero();
		assertThat(this.limiter.acquire("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isZero();
		assertThat(this.limiter.acquire("2001:db8:1:2:ffff::9")).isPositive();
		assertThat(this.limiter.acquire("2001:db8:1:3::1")).as("the next /64").isZero();
	}

	@Test
	void eachPublicIpv4AddressIsAClientOfItsOwnWhicheverWayItIsWritten() {
		assertThat(this.limiter.acquire("203.0.113.1")).isZero();
		assertThat(this.limiter.acquire("::ffff:203.0.113.1")).isZero();
		assertThat(this.limiter.acquire("203.0.113.1")).isPositive();
		assertThat(this.limiter.acquire("203.0.113.2")).isZero();
	}

	@Test
	void twoInstancesShareOneAllowance() {
		SubscribeRateLimiter one = instance(3);
		SubscribeRateLimiter other = instance(3);
		assertThat(one.acquire("198.51.100.7")).isZero();
		assertThat(other.acquire("198.51.100.7")).isZero();
		assertThat(one.acquire("198.51.100.7")).isZero();
		assertThat(other.acquire("198.51.100.7")).as("the fourth request, on the other instance").isPositive();
		assertThat(one.acquire("198.51.100.7")).isPositive();
	}

	@Test
	void concurrentRequestsOnTwoInstancesGetExactlyTheAllowance() throws Exception {
		List<SubscribeRateLimiter> instances = List.of(instance(10), instance(10));
		List<Callable<Boolean>> requests = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			SubscribeRateLimiter instance = instances.get(i % 2);
			requests.add(() -> instance.acquire("198.51.100.8").isZero());
		}
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			long started = System.nanoTime();
			long allowed = 0;
			for (Future<Boolean> allowedOne : threads.invokeAll(requests)) {
				allowed += allowedOne.get() ? 1 : 0;
			}
			// Ten a minute: one more for every 6 s the requests took, on a slow machine.
			long refilled = Duration.ofNanos(System.nanoTime() - started).toSeconds() / 6;
			assertThat(allowed).isBetween(10L, 10L + refilled);
		}
		finally {
			threads.shutdown();
		}
	}

	@Test
	void aBucketThatIsFullAgainIsDeletedAndAnEmptiedOneKept() {
		this.limiter.acquire("198.51.100.9");
		this.limiter.acquire("198.51.100.10");
		this.limiter.acquire("198.51.100.10");
		RateLimitBuckets buckets = new RateLimitBuckets(this.jdbc);
		assertThat(buckets.deleteExpired(Instant.now())).isZero();
		// Two a minute: one request is refilled in 30 s, two in a minute.
		assertThat(buckets.deleteExpired(Instant.now().plus(Duration.ofSeconds(45)))).isOne();
		assertThat(buckets.deleteExpired(Instant.now().plus(Duration.ofSeconds(75)))).isOne();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM rate_limit_bucket").query(Long.class).single()).isZero();
	}

	/** A notifier instance's limiter: its own objects over the shared database. */
	private SubscribeRateLimiter instance(int perMinute) {
		return new SubscribeRateLimiter(new RateLimitBuckets(this.jdbc), properties(perMinute), Clock.systemUTC());
	}

	static NotifierProperties properties(int perMinute) {
		return new Binder(new MapConfigurationPropertySource(
				Map.of("notifier.token-secret", "test-secret-test-secret-test-secret-42",
						"notifier.subscribe-requests-per-minute", Integer.toString(perMinute))))
			.bindOrCreate("notifier", NotifierProperties.class);
	}

}
