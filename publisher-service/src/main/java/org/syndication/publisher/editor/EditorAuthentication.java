package org.syndication.publisher.editor;

import java.util.List;
import java.util.Map;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Authenticates the bearer token of a request to the editors' API: a token of the
 * newsroom's identity provider when one is configured and the token is a JWT, a named API
 * key otherwise. An API key never has a dot, a JWT always has two, so the token's shape
 * says which it is and neither is tried for the other.
 */
public class EditorAuthentication implements AuthenticationManager {

	private final AuthenticationProvider apiKeys;

	/** {@code null} when no identity provider is configured. */
	private final AuthenticationProvider jwts;

	EditorAuthentication(OpaqueTokenIntrospector configuredKey, ApiKeys keys, JwtDecoder jwtDecoder,
			SecuritySettings settings) {
		this.apiKeys = new OpaqueTokenAuthenticationProvider((token) -> {
			try {
				return configuredKey.introspect(token);
			}
			catch (BadOpaqueTokenException ex) {
				return principal(keys, token);
			}
		});
		if (jwtDecoder != null) {
			JwtAuthenticationProvider provider = new JwtAuthenticationProvider(jwtDecoder);
			provider.setJwtAuthenticationConverter(new JwtEditors(settings.jwt()));
			this.jwts = provider;
		}
		else {
			this.jwts = null;
		}
	}

	private static OAuth2AuthenticatedPrincipal principal(ApiKeys keys, String token) {
		Editor editor = keys.authenticate(token)
			.orElseThrow(() -> new BadOpaqueTokenException("The token is neither a valid API key nor a known token"));
		List<GrantedAuthority> authorities = editor.role()
			.map((role) -> List.<GrantedAuthority>of(new SimpleGrantedAuthority(role.authority())))
			.orElseGet(List::of);
		return new DefaultOAuth2AuthenticatedPrincipal(editor.name(), Map.of("sub", editor.name()), authorities);
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		if (this.jwts != null && authentication instanceof BearerTokenAuthenticationToken bearer
				&& isJwt(bearer.getToken())) {
			return this.jwts.authenticate(authentication);
		}
		return this.apiKeys.authenticate(authentication);
	}

	boolean acceptsJwts() {
		return this.jwts != null;
	}

	private static boolean isJwt(String token) {
		return token.chars().filter((c) -> c == '.').count() == 2;
	}

}
