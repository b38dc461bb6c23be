package org.syndication.publisher.editor;

import java.util.Comparator;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who makes a change: a named API key or a user of the newsroom's identity provider, with
 * the highest role they hold. A caller without any role has none: every change is refused
 * to them.
 *
 * @param name the key's name, or the user's name from the token
 * @param role the highest role held, empty when none
 */
public record Editor(String name, Optional<Role> role) {

	/** The longest name kept; a token may carry a longer one. */
	static final int MAX_NAME_LENGTH = 200;

	public Editor {
		name = (name.length() > MAX_NAME_LENGTH) ? name.substring(0, MAX_NAME_LENGTH) : name;
	}

	public Editor(String name, Role role) {
		this(name, Optional.of(role));
	}

	/**
	 * Whether this editor may do what {@code needed} allows.
	 * @param needed the role needed
	 * @return whether the editor's role includes it
	 */
	public boolean may(Role needed) {
		return this.role.map((held) -> held.includes(needed)).orElse(false);
	}

	/**
	 * The editor an authenticated request speaks for.
	 * @param authentication what Spring Security authenticated
	 * @return the editor
	 */
	public static Editor of(Authentication authentication) {
		Optional<Role> role = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.map(Role::ofAuthority)
			.flatMap(Optional::stream)
			.max(Comparator.naturalOrder());
		return new Editor(authentication.getName(), role);
	}

}
