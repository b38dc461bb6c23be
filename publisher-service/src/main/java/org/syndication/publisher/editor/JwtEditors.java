package org.syndication.publisher.editor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a validated token of the identity provider into an editor: the name from the
 * configured claim, the roles from the configured claim. Values that name no role of the
 * publisher are ignored, so a token may carry the roles of other applications too.
 */
class JwtEditors implements Converter<Jwt, AbstractAuthenticationToken> {

	private final SecuritySettings.Jwt settings;

	JwtEditors(SecuritySettings.Jwt settings) {
		this.settings = settings;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		List<GrantedAuthority> authorities = roles(jwt).stream()
			.map((role) -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
			.toList();
		String name = jwt.getClaimAsString(this.settings.nameClaim());
		if (name == null || name.isBlank()) {
			name = jwt.getClaimAsString(JwtClaimNames.SUB);
		}
		return new JwtAuthenticationToken(jwt, authorities, name);
	}

	List<Role> roles(Jwt jwt) {
		Object value = jwt.getClaims();
		for (String step : this.settings.roleClaim().split("\\.")) {
			value = (value instanceof Map<?, ?> map) ? map.get(step) : null;
		}
		Collection<?> values;
		if (value instanceof Collection<?> collection) {
			values = collection;
		}
		else if (value instanceof String text) {
			values = List.of(text.split("[\\s,]+"));
		}
		else {
			values = List.of();
		}
		List<Role> roles = new ArrayList<>();
		for (Object candidate : values) {
			role(String.valueOf(candidate)).filter((role) -> !roles.contains(role)).ifPresent(roles::add);
		}
		return roles;
	}

	private Optional<Role> role(String value) {
		String prefix = this.settings.rolePrefix();
		if (!prefix.isEmpty() && !value.regionMatches(true, 0, prefix, 0, prefix.length())) {
			return Optional.empty();
		}
		return Role.of(value.substring(prefix.length()));
	}

}
