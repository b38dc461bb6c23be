package org.syndication.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Accepts one bearer token, configured as a secret, for one principal with fixed
 * authorities. The check compares SHA-256 digests, which have one length whatever the
 * token, in constant time. Without a configured token nothing is accepted.
 */
public final class ConfiguredTokenIntrospector implements OpaqueTokenIntrospector {

	private static final Logger logger = LoggerFactory.getLogger(ConfiguredTokenIntrospector.class);

	/** The token's digest; {@code null} when none is configured, so nothing matches. */
	private final byte[] expectedDigest;

	private final OAuth2AuthenticatedPrincipal principal;

	/**
	 * @param token the secret, or {@code null} or blank for none
	 * @param principalName the name the authenticated token gets
	 * @param authorities what the token may do, e.g. {@code ROLE_ADMIN}
	 */
	public ConfiguredTokenIntrospector(String token, String principalName, String... authorities) {
		this.expectedDigest = isConfigured(token) ? sha256(token) : null;
		Collection<GrantedAuthority> granted = AuthorityUtils.createAuthorityList(authorities);
		this.principal = new OAuth2IntrospectionAuthenticatedPrincipal(principalName, Map.of("sub", principalName),
				List.copyOf(granted));
	}

	/**
	 * The management token of a service, which opens the actuator endpoints other than
	 * health and info. Without one those endpoints stay closed, which is said once, at
	 * start.
	 * @param token the configured token, or {@code null} or blank for none
	 * @param variable the environment variable that sets it, for the warning
	 * @return the introspector
	 */
	public static ConfiguredTokenIntrospector managementToken(String token, String variable) {
		if (!isConfigured(token)) {
			logger.warn("No management token ({}): actuator endpoints other than health and info answer 401", variable);
		}
		return new ConfiguredTokenIntrospector(token, "management-token", "ROLE_" + ActuatorAccess.ROLE);
	}

	private static boolean isConfigured(String token) {
		return token != null && !token.isBlank();
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		if (this.expectedDigest == null || !MessageDigest.isEqual(this.expectedDigest, sha256(token))) {
			throw new BadOpaqueTokenException("The bearer token is not valid.");
		}
		return this.principal;
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
