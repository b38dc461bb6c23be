package org.syndication.publisher.editor;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Named API keys, for newsrooms without an identity provider: admins create, list and
 * revoke them. Only admins reach this controller (see the security configuration).
 */
@RestController
@RequestMapping(path = ApiKeyController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "API keys", description = "Named keys with a role; admins only")
@SecurityRequirement(name = "bearer")
public class ApiKeyController {

	/** Where the keys are managed. */
	public static final String PATH = "/api/keys";

	private final ApiKeys keys;

	ApiKeyController(ApiKeys keys) {
		this.keys = keys;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Create a key",
			description = "The answer carries the key's secret, the only time it is shown; only its digest is kept.")
	ResponseEntity<CreatedKey> create(@Valid @RequestBody KeyRequest request, Editor editor) {
		ApiKeys.NewApiKey created = this.keys.create(request.name(), Role.of(request.role()).orElseThrow(), editor);
		return ResponseEntity.created(URI.create(PATH + "/" + created.key().name()))
			.body(new CreatedKey(KeyResponse.of(created.key()), created.secret()));
	}

	@GetMapping
	@Operation(summary = "List the keys", description = "Names, roles and who created them; never a secret.")
	List<KeyResponse> list() {
		return this.keys.list().stream().map(KeyResponse::of).toList();
	}

	@DeleteMapping("/{name}")
	@Operation(summary = "Revoke a key", description = "Requests with it are refused from now on.")
	ResponseEntity<Void> revoke(@PathVariable String name) {
		this.keys.revoke(name);
		return ResponseEntity.noContent().build();
	}

	/**
	 * A key to create.
	 *
	 * @param name letters, digits, {@code . _ @ -}, at most 64 characters; it stands for
	 * the key's holder in the articles' history
	 * @param role {@code author}, {@code editor} or {@code admin}
	 */
	record KeyRequest(@NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}",
			message = "must be 1 to 64 letters, digits or . _ @ -, starting with a letter or digit") String name,
			@NotNull @Pattern(regexp = "(?i)author|editor|admin",
					message = "must be author, editor or admin") String role) {

	}

	record KeyResponse(String name, String role, Instant createdAt, String createdBy) {

		static KeyResponse of(ApiKey key) {
			return new KeyResponse(key.name(), key.role().label(), key.createdAt(), key.createdBy());
		}

	}

	/**
	 * A key just created.
	 *
	 * @param key what is kept of it
	 * @param secret the key itself, to send as {@code Authorization: Bearer <secret>}
	 */
	record CreatedKey(String name, String role, Instant createdAt, String createdBy, String secret) {

		CreatedKey(KeyResponse key, String secret) {
			this(key.name(), key.role(), key.createdAt(), key.createdBy(), secret);
		}

	}

}
