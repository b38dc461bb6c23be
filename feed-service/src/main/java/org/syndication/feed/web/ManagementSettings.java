package org.syndication.feed.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access to the operational endpoints.
 *
 * @param token the bearer token that the actuator endpoints other than health and info
 * require ({@code FEED_MANAGEMENT_TOKEN}); there is no default, and without one those
 * endpoints answer 401 to everybody
 */
@ConfigurationProperties("feed.management")
record ManagementSettings(String token) {

	boolean hasToken() {
		return this.token != null && !this.token.isBlank();
	}

}
