package org.syndication.publisher.editor;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the publisher reads the tokens of the newsroom's identity provider. Whether tokens
 * are accepted at all is Spring Boot's setting:
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code .jwk-set-uri}.
 *
 * @param jwt where the role and the name are in a token
 */
@ConfigurationProperties("publisher.security")
record SecuritySettings(@DefaultValue Jwt jwt) {

	/**
	 * Where the role and the name are in a token.
	 *
	 * @param roleClaim the claim that holds the role: a string or a list of strings; a
	 * dotted path reaches into objects ({@code realm_access.roles} in Keycloak)
	 * @param rolePrefix what the identity provider puts before the role's name, if
	 * anything ({@code publisher-} for {@code publisher-editor}); values without it are
	 * not roles of the publisher
	 * @param nameClaim the claim with the name recorded in the articles' history; the
	 * subject ({@code sub}) when a token does not carry it
	 */
	record Jwt(@DefaultValue("roles") String roleClaim, @DefaultValue("") String rolePrefix,
			@DefaultValue("preferred_username") String nameClaim) {

	}

}
