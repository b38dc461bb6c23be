package org.syndication.publisher.editor;

import java.util.Locale;
import java.util.Optional;

/**
 * What an editor may do. Each role includes the ones before it: an editor does all an
 * author does, an admin all an editor does.
 */
public enum Role {

	/** Creates articles as drafts and edits drafts. */
	AUTHOR,

	/** Publishes, schedules, edits live articles and retracts them. */
	EDITOR,

	/** Manages the API keys. */
	ADMIN;

	/** The Spring Security authority that stands for this role. */
	public String authority() {
		return "ROLE_" + name();
	}

	/** The role's name as the API and tokens spell it: {@code author}. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean includes(Role other) {
		return compareTo(other) >= 0;
	}

	/**
	 * The role a label names, whatever its case.
	 * @param label {@code author}, {@code editor} or {@code admin}
	 * @return the role, or empty for any other text
	 */
	public static Optional<Role> of(String label) {
		if (label == null) {
			return Optional.empty();
		}
		String name = label.strip().toUpperCase(Locale.ROOT);
		for (Role role : values()) {
			if (role.name().equals(name)) {
				return Optional.of(role);
			}
		}
		return Optional.empty();
	}

	static Optional<Role> ofAuthority(String authority) {
		return (authority != null && authority.startsWith("ROLE_")) ? of(authority.substring(5)) : Optional.empty();
	}

}
