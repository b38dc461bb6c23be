package org.syndication.notifier.subscription;

import java.time.ZoneId;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.syndication.notifier.digest.Frequency;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A subscription request. Its fields are JSON strings; a number or a boolean in their
 * place is refused.
 *
 * @param email the address to subscribe
 * @param categories the categories wanted; none means every article. As in the address, a
 * line break or another control character in a name is refused: it would be stored and
 * shown on the subscriber's pages as it came
 * @param frequency {@code immediate} (an alert per article, the default), {@code daily}
 * or {@code weekly} (a digest)
 * @param timeZone the IANA time zone of the digest hour; none for the notifier's own
 */
record SubscribeRequest(@NotBlank @EmailAddress @JsonDeserialize(using = JsonText.class) String email,
		@Size(max = 50) @JsonDeserialize(contentUsing = JsonText.class) List<@NotBlank @Size(max = 100) @Pattern(
				regexp = "\\P{Cc}*", message = "must not contain line breaks or control characters") String> categories,
		@Pattern(regexp = "immediate|daily|weekly", message = "must be immediate, daily or weekly") @JsonDeserialize(
				using = JsonText.class) String frequency,
		@TimeZoneName @JsonDeserialize(using = JsonText.class) String timeZone) {

	/** The frequency asked for; alerts when none was. */
	Frequency wantedFrequency() {
		return (this.frequency != null) ? Frequency.of(this.frequency).orElseThrow() : Frequency.IMMEDIATE;
	}

	/** The zone asked for, or {@code null} for the notifier's own. */
	ZoneId wantedTimeZone() {
		return (this.timeZone != null) ? ZoneId.of(this.timeZone) : null;
	}

}
