package org.syndication.notifier.subscription;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressTests {

	@Test
	void plainAddressesAreAccepted() {
		for (String good : new String[] { "reader@example.org", "first.last+news@sub.example.co.uk",
				"o'brien@example.ie" }) {
			assertThat(EmailAddress.Validator.isValid(good)).as(good).isTrue();
		}
	}

	@Test
	void anythingElseIsRefused() {
		for (String bad : new String[] { "reader", "reader@", "@example.org", "reader@localhost", "a b@example.org",
				"reader@example.org\r\nBcc: x@example.org", "reader@example.org\n", "Reader <reader@example.org>",
				"reader@example.org, other@example.org", "x".repeat(245) + "@example.org", "reader@example.org." }) {
			assertThat(EmailAddress.Validator.isValid(bad)).as(bad).isFalse();
		}
	}

}
