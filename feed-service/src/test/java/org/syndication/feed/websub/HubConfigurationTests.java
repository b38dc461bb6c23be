package org.syndication.feed.websub;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class HubConfigurationTests {

	@Test
	void theHubDoesNotStartWithoutAKeyToSealSecrets() {
		HubSettings defaults = HubSettingsFixture.defaults();
		assertThatIllegalStateException()
			.isThrownBy(() -> new HubConfiguration().secretResealing(null, new SubscriberSecrets(defaults)))
			.withMessageContaining("FEED_WEBSUB_SECRET_KEYS")
			.withMessageContaining("FEED_WEBSUB_ENABLED=false");
	}

}
