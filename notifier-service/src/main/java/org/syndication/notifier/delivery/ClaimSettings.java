package org.syndication.notifier.delivery;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How instances share the sending: each claims a chunk of due deliveries at a time and
 * holds it on a lease that it renews while it sends.
 *
 * @param size deliveries in a claim: small enough that two instances share a queue (each
 * takes the next chunk when it is done with its own), large enough that claiming costs
 * little per mail
 * @param lease how long a claim holds without renewal; the claims of an instance that
 * died are taken over this long after its last renewal. It is renewed every quarter of
 * it, and the instance stops sending from it when three quarters have passed since the
 * last renewal.
 */
@ConfigurationProperties("notifier.claims")
@Validated
record ClaimSettings(@Min(1) @Max(10_000) @DefaultValue("150") int size, @NotNull @DefaultValue("20s") Duration lease) {

	ClaimSettings {
		if (lease != null && lease.toMillis() < 100) {
			throw new IllegalArgumentException("The claim lease must be at least 100 ms");
		}
	}

}
