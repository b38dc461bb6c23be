package org.syndication.web.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThat;

class AccessDeniedDetailTests {

	private final AccessDeniedDetail detail = AccessDeniedDetail.neededAuthorities();

	@Test
	void namesTheRoleThatTheRuleAskedFor() {
		assertThat(denied("ROLE_EDITOR")).isEqualTo("This needs the role editor.");
		assertThat(denied("ROLE_EDITOR", "ROLE_ADMIN")).isEqualTo("This needs one of the roles admin, editor.");
		assertThat(denied("SCOPE_articles:write")).isEqualTo("This needs the authority SCOPE_articles:write.");
	}

	@Test
	void saysNothingItDoesNotKnow() {
		assertThat(this.detail.detail(new MockHttpServletRequest(), new AccessDeniedException("Access Denied")))
			.isNull();
	}

	private String denied(String... authorities) {
		AuthorityAuthorizationDecision decision = new AuthorityAuthorizationDecision(false,
				List.copyOf(AuthorityUtils.createAuthorityList(authorities)));
		return this.detail.detail(new MockHttpServletRequest(),
				new AuthorizationDeniedException("Access Denied", decision));
	}

}
