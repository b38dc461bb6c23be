package org.syndication.feed.websub;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.util.MultiValueMap;

/**
 * A subscriber's request to the hub (WebSub 5.1), as read from its form.
 *
 * @param mode {@code subscribe} or {@code unsubscribe}
 * @param topic the feed's URL
 * @param callback where the subscriber takes verifications and pushes
 * @param leaseSeconds the lease asked for, or {@code null}
 * @param secret the key for the pushes' signatures, or {@code null}
 */
record HubRequest(String mode, String topic, String callback, Long leaseSeconds, String secret) {

	/** WebSub 5.1.1: under 200 bytes. */
	static final int MAX_SECRET_BYTES = 199;

	static final String SUBSCRIBE = "subscribe";

	static final String UNSUBSCRIBE = "unsubscribe";

	/**
	 * Reads the form's fields.
	 * @throws BadHubRequest when one is missing, repeated or malformed
	 */
	static HubRequest of(MultiValueMap<String, String> form) {
		String mode = required(form, "hub.mode");
		if (!mode.equals(SUBSCRIBE) && !mode.equals(UNSUBSCRIBE)) {
			throw new BadHubRequest("hub.mode must be subscribe or unsubscribe; this hub publishes the changes of "
					+ "its own feeds only");
		}
		String topic = required(form, "hub.topic");
		String callback = required(form, "hub.callback");
		String lease = optional(form, "hub.lease_seconds");
		Long leaseSeconds = null;
		if (lease != null) {
			try {
				leaseSeconds = Long.parseLong(lease);
			}
			catch (NumberFormatException ex) {
				throw new BadHubRequest("hub.lease_seconds must be a whole number of seconds");
			}
			if (leaseSeconds <= 0) {
				throw new BadHubRequest("hub.lease_seconds must be positive");
			}
		}
		String secret = optional(form, "hub.secret");
		if (secret != null && (secret.isEmpty() || secret.getBytes(StandardCharsets.UTF_8).length > MAX_SECRET_BYTES)) {
			throw new BadHubRequest("hub.secret must be 1 to " + MAX_SECRET_BYTES + " bytes long");
		}
		return new HubRequest(mode, topic, callback, leaseSeconds, secret);
	}

	boolean subscribes() {
		return this.mode.equals(SUBSCRIBE);
	}

	private static String required(MultiValueMap<String, String> form, String name) {
		String value = optional(form, name);
		if (value == null || value.isBlank()) {
			throw new BadHubRequest(name + " is missing");
		}
		return value;
	}

	private static String optional(MultiValueMap<String, String> form, String name) {
		List<String> values = form.get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw new BadHubRequest(name + " is given more than once");
		}
		return values.get(0);
	}

	/** A request the hub cannot read. */
	static class BadHubRequest extends RuntimeException {

		BadHubRequest(String message) {
			super(message);
		}

	}

}
