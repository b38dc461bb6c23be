package org.syndication.feed.websub;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HubRateLimitsTests {

	@Test
	void ipv6ClientsAreCountedByTheirSlash64() {
		assertThat(HubRateLimits.client("2001:db8:1:2:3:4:5:6")).isEqualTo(HubRateLimits.client("2001:db8:1:2:ffff::1"))
			.isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(HubRateLimits.client("2001:db8:1:3::1")).isNotEqualTo(HubRateLimits.client("2001:db8:1:2::1"));
		assertThat(HubRateLimits.client("192.0.2.7")).isEqualTo("192.0.2.7");
	}

	@Test
	void oneHostSpelledAnotherWayIsTheSameHost() {
		HubRateLimits limits = new HubRateLimits(HubSettingsFixture.defaults());
		for (int i = 0; i < 30; i++) {
			limits.acquireForCallback("https://reader.example/cb/" + i);
			limits.acquireForCallback("HTTPS://Reader.Example./cb/" + i);
		}
		assertThatThrownBy(() -> limits.acquireForCallback("https://READER.example:443/cb"))
			.isInstanceOf(HubRateLimits.TooManyRequests.class)
			.hasMessageContaining("reader.example");
		assertThatNoException().isThrownBy(() -> limits.acquireForCallback("https://other.example/cb"));
		assertThatNoException().isThrownBy(() -> limits.acquireForCallback("not a url"));
	}

}
