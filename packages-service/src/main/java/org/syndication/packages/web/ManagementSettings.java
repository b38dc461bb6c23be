package org.syndication.packages.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access to the operational endpoints.
 *
 * @param token the bearer token that the actuator endpoints other than health and info
 * require ({@code PACKAGES_MANAGEMENT_TOKEN}); there is no default, and without one those
 * endpoints answer 401 to everybody
 */
@ConfigurationProperties("packages.management")
record ManagementSettings(String token) {

}
