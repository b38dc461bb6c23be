package org.syndication.notifier;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the notifier.
 *
 * @param publicBaseUrl where subscribers reach this service; the links in mails point
 * here
 * @param tokenSecret the key that signs confirmation, unsubscribe and preference links;
 * no default, so that no two installations share one
 * @param alertWindow events, and articles, older than this raise no alert, so that a
 * notifier starting on an empty database does not mail the back catalogue
 * @param confirmationExpiry how long a confirmation link works; unconfirmed subscriptions
 * are deleted after it
 * @param confirmationCooldown a second confirmation mail to the same address waits at
 * least this long, so the form cannot be used to flood someone's mailbox
 * @param subscribeRequestsPerMinute subscription requests one client may make per minute
 * @param hardBouncesToSuppress permanent failures after which an address is suppressed
 * @param maxRequestSize the largest request body accepted; the largest subscription
 * request is about 30 KB
 * @param dispatchInterval how long the dispatcher waits, after the queue is empty, before
 * it looks for due mail again
 * @param publicationName the name readers know the publication by: the sign-up page's
 * title and the start of every digest's subject
 * @param timeZone the time zone of subscribers who chose none
 * @param digest when digests are due
 * @param fanout how the alerts of a publication are queued
 * @param metricsInterval how often the metrics of the mail queue are read from the
 * database
 * @param manageLinkExpiry how long the preference link of a mail works after the mail was
 * queued; every alert and digest carries a fresh one, and an old mail, forwarded or
 * leaked, should not change a subscription for ever. Unsubscribe links do not expire (RFC
 * 8058: they stay in mailboxes for years)
 */
@ConfigurationProperties("notifier")
@Validated
public record NotifierProperties(@NotBlank @DefaultValue("http://localhost:8083") String publicBaseUrl,
		@NotBlank @Size(min = 32, message = "must be at least 32 characters") String tokenSecret,
		@NotNull @DefaultValue("24h") Duration alertWindow, @NotNull @DefaultValue("7d") Duration confirmationExpiry,
		@NotNull @DefaultValue("10m") Duration confirmationCooldown,
		@Min(1) @DefaultValue("10") int subscribeRequestsPerMinute,
		@Min(1) @DefaultValue("3") int hardBouncesToSuppress, @NotNull @DefaultValue("64KB") DataSize maxRequestSize,
		@NotNull @DefaultValue("200ms") Duration dispatchInterval,
		@NotBlank @DefaultValue("Syndication") String publicationName, @NotNull @DefaultValue("UTC") ZoneId timeZone,
		@Valid @NotNull @DefaultValue Digest digest, @Valid @NotNull @DefaultValue Fanout fanout,
		@NotNull @DefaultValue("10s") Duration metricsInterval,
		@NotNull @DefaultValue("180d") Duration manageLinkExpiry) {

	/** The base URL without a trailing slash. */
	public String baseUrl() {
		return this.publicBaseUrl.endsWith("/") ? this.publicBaseUrl.substring(0, this.publicBaseUrl.length() - 1)
				: this.publicBaseUrl;
	}

	/**
	 * When digests are due, in each subscriber's own time zone.
	 *
	 * @param dailyAt the local time of the daily digest
	 * @param weeklyOn the day of the weekly digest
	 * @param weeklyAt the local time of the weekly digest
	 * @param checkInterval how often the notifier looks for digests due; a digest goes
	 * out at most this long after its time
	 */
	public record Digest(@NotNull @DefaultValue("07:00") LocalTime dailyAt,
			@NotNull @DefaultValue("MONDAY") DayOfWeek weeklyOn, @NotNull @DefaultValue("07:00") LocalTime weeklyAt,
			@NotNull @DefaultValue("1m") Duration checkInterval) {

	}

	/**
	 * How the alerts of a publication are queued: after it is recorded, by any instance,
	 * in chunks of subscribers, each chunk a transaction of its own.
	 *
	 * @param chunkSize subscribers looked at per chunk
	 * @param interval how long the fan-out waits, when nothing is left to queue, before
	 * it looks for new publications again
	 */
	public record Fanout(@Min(1) @DefaultValue("1000") int chunkSize,
			@NotNull @DefaultValue("200ms") Duration interval) {

	}

}
