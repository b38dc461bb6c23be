package org.syndication.web;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How many request bodies may be arriving at once, and for how long. Tomcat gives each
 * request a thread while its body arrives, so a client sending bodies a byte at a time
 * could otherwise hold every thread the service has.
 *
 * @param maxPerClient bodies one client (an IPv4 address, or an IPv6 /64) may be sending
 * at once; more are answered 429 at once
 * @param maxTotal bodies all clients together may be sending at once, well below Tomcat's
 * threads (200) so that requests without a body are always answered; more are answered
 * 503 at once
 * @param deadline how long a body may take to arrive in full; a slower one is answered
 * 408 (Tomcat's connection timeout bounds the wait for each part of it)
 * @param maxFormSize the largest form ({@code application/x-www-form-urlencoded}) body
 * accepted
 */
@ConfigurationProperties("service.request-bodies")
@Validated
public record RequestBodySettings(@Min(1) @DefaultValue("16") int maxPerClient,
		@Min(1) @DefaultValue("100") int maxTotal, @NotNull @DefaultValue("30s") Duration deadline,
		@NotNull @DefaultValue("64KB") DataSize maxFormSize) {

}
