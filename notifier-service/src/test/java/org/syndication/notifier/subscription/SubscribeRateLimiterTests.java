package org.syndication.notifier.subscription;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.syndication.notifier.NotifierProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-up limit counts networks, not the spellings of one client's address: a host
 * has every loopback address, and an IPv6 customer a whole /64.
 */
class SubscribeRateLimiterTests {

	private final SubscribeRateLimiter limiter = new SubscribeRateLimiter(properties(2));

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

	static NotifierProperties properties(int perMinute) {
		return new Binder(new MapConfigurationPropertySource(
				Map.of("notifier.token-secret", "test-secret-test-secret-test-secret-42",
						"notifier.subscribe-requests-per-minute", Integer.toString(perMinute))))
			.bindOrCreate("notifier", NotifierProperties.class);
	}

}
