package org.syndication.notifier.mail;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReturnPathsTests {

	private static final String SECRET = "test-secret-test-secret-test-secret-42";

	private final ReturnPaths paths = ReturnPaths.of("bounces@News.Example.com", SECRET);

	@Test
	void eachDeliveryHasAReturnPathThatLeadsBackToIt() {
		String returnPath = this.paths.of(4711).orElseThrow();

		assertThat(returnPath).matches("bounces\\+4711-[a-z2-7]{16}@news\\.example\\.com").hasSizeLessThan(64 + 20);
		assertThat(this.paths.delivery(returnPath)).hasValue(4711);
		assertThat(this.paths.delivery("Mail Delivery <" + returnPath.toUpperCase() + ">")).hasValue(4711);
		assertThat(this.paths.of(4712)).isNotEqualTo(this.paths.of(4711));
	}

	@Test
	void aReturnPathWithAnotherTagOrAnotherKeyOrForAnotherDeliveryLeadsNowhere() {
		String returnPath = this.paths.of(4711).orElseThrow();
		String tag = returnPath.substring(returnPath.indexOf('-') + 1, returnPath.indexOf('@'));

		assertThat(this.paths.delivery(returnPath.replace("+4711-", "+4712-"))).isEmpty();
		assertThat(this.paths.delivery(returnPath.replace(tag, "a".repeat(16)))).isEmpty();
		assertThat(ReturnPaths.of("bounces@news.example.com", SECRET + "-other").delivery(returnPath)).isEmpty();
		assertThat(this.paths.delivery(returnPath.replace("@news.example.com", "@example.com"))).isEmpty();
		assertThat(this.paths.delivery("reader@example.net")).isEmpty();
		assertThat(this.paths.delivery(null)).isEmpty();
	}

	@Test
	void withoutABounceAddressThereAreNoReturnPaths() {
		assertThat(ReturnPaths.of(" ", SECRET).enabled()).isFalse();
		assertThat(ReturnPaths.of(null, SECRET).of(1)).isEmpty();
		assertThat(ReturnPaths.none().delivery("bounces+1-aaaaaaaaaaaaaaaa@news.example.com")).isEmpty();
	}

	@Test
	void aBounceAddressThatIsNoPlainAddressIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ReturnPaths.of("Bounces <bounces@example.com>", SECRET));
		assertThatIllegalArgumentException().isThrownBy(() -> ReturnPaths.of("bounces+x@example.com", SECRET));
		assertThatIllegalArgumentException().isThrownBy(() -> ReturnPaths.of("not an address", SECRET));
	}

}
