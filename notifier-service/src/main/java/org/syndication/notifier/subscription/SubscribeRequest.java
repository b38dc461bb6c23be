package org.syndication.notifier.subscription;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A subscription request. Its fields are JSON strings; a number or a boolean in their
 * place is refused.
 *
 * @param email the address to subscribe
 * @param categories the categories wanted; none means every article. As in the address, a
 * line break or another control character in a name is refused: it would be stored and
 * shown on the subscriber's pages as it came
 */
record SubscribeRequest(@NotBlank @EmailAddress @JsonDeserialize(using = JsonText.class) String email,
		@Size(max = 50) @JsonDeserialize(
				contentUsing = JsonText.class) List<@NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cc}*",
						message = "must not contain line breaks or control characters") String> categories) {

}
