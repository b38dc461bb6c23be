package org.syndication.notifier.subscription;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A subscription request.
 *
 * @param email the address to subscribe
 * @param categories the categories wanted; none means every article. As in the address, a
 * line break or another control character in a name is refused: it would be stored and
 * shown on the subscriber's pages as it came
 */
record SubscribeRequest(@NotBlank @EmailAddress String email,
		@Size(max = 50) List<@NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cc}*",
				message = "must not contain line breaks or control characters") String> categories) {

}
