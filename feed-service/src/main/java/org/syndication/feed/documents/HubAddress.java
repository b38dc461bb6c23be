package org.syndication.feed.documents;

import java.util.Optional;

/**
 * Where the WebSub hub that the feeds advertise is, if one runs.
 *
 * @param url the hub's URL, or null when there is no hub
 */
public record HubAddress(String url) {

	/**
	 * @return the hub's URL, if there is a hub
	 */
	public Optional<String> asUrl() {
		return Optional.ofNullable(this.url);
	}

}
