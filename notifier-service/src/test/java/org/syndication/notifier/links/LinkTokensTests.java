package org.syndication.notifier.links;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkTokensTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	private final LinkTokens tokens = new LinkTokens("a-secret-of-at-least-thirty-two-characters");

	private final LinkClaims confirm = new LinkClaims(LinkPurpose.CONFIRM, UUID.randomUUID(), 3, NOW.plusSeconds(60));

	@Test
	void tokenRoundTripsForItsPurposeOnly() {
		String token = this.tokens.issue(this.confirm);
		assertThat(this.tokens.verify(token, LinkPurpose.CONFIRM, NOW)).contains(this.confirm);
		assertThat(this.tokens.verify(token, LinkPurpose.UNSUBSCRIBE, NOW)).isEmpty();
		assertThat(this.tokens.verify(token, LinkPurpose.MANAGE, NOW)).isEmpty();
		assertThat(token).matches("[A-Za-z0-9_-]{40,60}");
	}

	@Test
	void expiredForgedOrForeignTokensAreRefused() {
		String token = this.tokens.issue(this.confirm);
		assertThat(this.tokens.verify(token, LinkPurpose.CONFIRM, NOW.plusSeconds(61))).isEmpty();
		char last = token.charAt(token.length() - 1);
		String forged = token.substring(0, token.length() - 1) + ((last == 'A') ? 'B' : 'A');
		assertThat(this.tokens.verify(forged, LinkPurpose.CONFIRM, NOW)).isEmpty();
		LinkTokens other = new LinkTokens("another-secret-of-at-least-thirty-two-chars");
		assertThat(other.verify(token, LinkPurpose.CONFIRM, NOW)).isEmpty();
		for (String junk : new String[] { "", "abc", "!!!!", "A".repeat(500), null }) {
			assertThat(this.tokens.verify(junk, LinkPurpose.CONFIRM, NOW)).isEmpty();
		}
	}

	@Test
	void tokensForDifferentSubscribersDiffer() {
		LinkClaims other = new LinkClaims(LinkPurpose.CONFIRM, UUID.randomUUID(), 3, NOW.plusSeconds(60));
		assertThat(this.tokens.issue(other)).isNotEqualTo(this.tokens.issue(this.confirm));
	}

}
