package org.syndication.web.security;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConfiguredTokenIntrospectorTests {

	@Test
	void theConfiguredTokenIsThePrincipalWithItsAuthorities() {
		OAuth2AuthenticatedPrincipal principal = new ConfiguredTokenIntrospector("s3cret-token", "api-token",
				"ROLE_ADMIN")
			.introspect("s3cret-token");
		assertThat(principal.getName()).isEqualTo("api-token");
		assertThat(principal.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_ADMIN");
	}

	@Test
	void anyOtherTokenIsRefused() {
		ConfiguredTokenIntrospector introspector = new ConfiguredTokenIntrospector("s3cret-token", "api-token",
				"ROLE_ADMIN");
		for (String token : new String[] { "s3cret-tokenx", "s3cret-toke", "S3cret-token", "", " s3cret-token" }) {
			assertThatExceptionOfType(BadOpaqueTokenException.class).as(token)
				.isThrownBy(() -> introspector.introspect(token));
		}
	}

	@Test
	void withoutAConfiguredTokenNothingIsAccepted() {
		for (String configured : new String[] { null, "", "  " }) {
			ConfiguredTokenIntrospector introspector = new ConfiguredTokenIntrospector(configured, "management",
					"ROLE_ADMIN");
			for (String token : new String[] { "", " ", "  ", "null" }) {
				assertThatExceptionOfType(BadOpaqueTokenException.class).as("%s / %s", configured, token)
					.isThrownBy(() -> introspector.introspect(token));
			}
		}
	}

}
