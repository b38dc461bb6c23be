package org.syndication.web.security;

import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.GrantedAuthority;

/**
 * The detail of a 403 problem: what the credential sent lacks. A service declares a bean
 * of this type to say it in its own words; by default the roles that the refused rule
 * asked for are named ("This needs the role editor.").
 */
@FunctionalInterface
public interface AccessDeniedDetail {

	/**
	 * @param request the refused request
	 * @param denied why it was refused; for a rule of {@code authorizeHttpRequests} an
	 * {@link AuthorizationDeniedException} with the rule's decision
	 * @return the detail, or {@code null} for the general one
	 */
	String detail(HttpServletRequest request, AccessDeniedException denied);

	/**
	 * Names the roles (or other authorities) that the refused rule asked for.
	 * @return the default detail
	 */
	static AccessDeniedDetail neededAuthorities() {
		return (request, denied) -> {
			if (denied instanceof AuthorizationDeniedException authorization
					&& authorization.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision
					&& !decision.getAuthorities().isEmpty()) {
				return needs(decision.getAuthorities());
			}
			return null;
		};
	}

	private static String needs(Collection<GrantedAuthority> authorities) {
		boolean roles = authorities.stream().allMatch((authority) -> authority.getAuthority().startsWith("ROLE_"));
		String names = authorities.stream()
			.map(GrantedAuthority::getAuthority)
			.map((name) -> roles ? name.substring("ROLE_".length()).toLowerCase(Locale.ROOT) : name)
			.sorted()
			.collect(Collectors.joining(", "));
		String kind = roles ? "role" : "authority";
		return (authorities.size() == 1) ? "This needs the " + kind + " " + names + "."
				: "This needs one of the " + (roles ? "roles " : "authorities ") + names + ".";
	}

}
