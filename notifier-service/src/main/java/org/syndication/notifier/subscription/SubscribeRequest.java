package org.syndication.notifier.subscription;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A subscription request.
 *
 * @param email the address to subscribe
 * @param categories the categories wanted; none means every article
 */
record SubscribeRequest(@NotBlank @EmailAddress String email,
		@Size(max = 50) List<@NotBlank @Size(max = 100) String> categories) {

}
