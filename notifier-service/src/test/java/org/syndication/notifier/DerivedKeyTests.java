package org.syndication.notifier;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DerivedKeyTests {

	/**
	 * RFC 4231's test case 2: the key derived for a purpose is the HMAC-SHA256 of the
	 * purpose under the secret, and it signs with HMAC-SHA256 in turn.
	 */
	@Test
	void theKeyOfAPurposeIsTheSecretsHmacOfThePurposeAndSignsWithHmacSha256() throws Exception {
		byte[] rfc4231Case2 = HexFormat.of()
			.parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(rfc4231Case2, "HmacSHA256"));
		byte[] expected = mac.doFinal("a return path".getBytes(StandardCharsets.UTF_8));
		assertThat(DerivedKey.of("Jefe", "what do ya want for nothing?").sign("a return path")).isEqualTo(expected);
	}

	@Test
	void keysOfTwoPurposesSignDifferently() {
		assertThat(DerivedKey.of("secret", "return-paths").sign("x"))
			.isNotEqualTo(DerivedKey.of("secret", "other").sign("x"));
	}

}
