package org.syndication.publisher.editor;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class JwtEditorsTests {

	@Test
	void rolesComeFromAListAStringOrANestedClaimWhateverTheirCase() {
		JwtEditors plain = new JwtEditors(new SecuritySettings.Jwt("roles", "", "preferred_username"));
		assertThat(plain.roles(jwt(Map.of("roles", List.of("Editor", "other"))))).containsExactly(Role.EDITOR);
		assertThat(plain.roles(jwt(Map.of("roles", "author admin")))).containsExactly(Role.AUTHOR, Role.ADMIN);
		assertThat(plain.roles(jwt(Map.of("roles", "author,editor")))).containsExactly(Role.AUTHOR, Role.EDITOR);

		JwtEditors keycloak = new JwtEditors(new SecuritySettings.Jwt("realm_access.roles", "publisher-", "sub"));
		assertThat(keycloak.roles(jwt(Map.of("realm_access", Map.of("roles", List.of("publisher-ADMIN", "editor"))))))
			.containsExactly(Role.ADMIN);
	}

	@Test
	void aMissingOrOddClaimGivesNoRole() {
		JwtEditors editors = new JwtEditors(new SecuritySettings.Jwt("realm_access.roles", "", "preferred_username"));
		assertThat(editors.roles(jwt(Map.of("other", "x")))).isEmpty();
		assertThat(editors.roles(jwt(Map.of("realm_access", "editor")))).isEmpty();
		assertThat(editors.roles(jwt(Map.of("realm_access", Map.of("roles", 42))))).isEmpty();
	}

	@Test
	void theNameComesFromTheNameClaimOrElseTheSubject() {
		JwtEditors editors = new JwtEditors(new SecuritySettings.Jwt("roles", "", "preferred_username"));
		assertThat(editors.convert(jwt(Map.of("preferred_username", "grace", "roles", "editor"))).getName())
			.isEqualTo("grace");
		assertThat(editors.convert(jwt(Map.of("roles", "editor"))).getName()).isEqualTo("subject-1");
		assertThat(Editor.of(editors.convert(jwt(Map.of("roles", List.of("author", "editor"))))))
			.isEqualTo(new Editor("subject-1", Role.EDITOR));
	}

	private static Jwt jwt(Map<String, Object> claims) {
		Jwt.Builder jwt = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject("subject-1")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60));
		claims.forEach(jwt::claim);
		return jwt.build();
	}

}
