package org.syndication.publisher.editor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * The named API keys, and the one key that comes from configuration
 * ({@code publisher.api-token}), which is an admin key named {@value #CONFIGURED_NAME}. A
 * key's secret is shown once, when it is created, and kept only as its digest.
 */
@Service
public class ApiKeys {

	/** The name that the configured token's changes are recorded under. */
	public static final String CONFIGURED_NAME = "admin";

	/** The name that scheduled publications are recorded under. */
	public static final String SCHEDULER_NAME = "scheduler";

	/**
	 * Names no key may take, in any case: a key would pass for the one they stand for.
	 */
	private static final List<String> RESERVED = List.of(CONFIGURED_NAME, SCHEDULER_NAME);

	/** Keys start with this, so that one found in a log or a repository is recognised. */
	static final String PREFIX = "pub_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final ApiKeyRepository keys;

	private final Clock clock;

	ApiKeys(ApiKeyRepository keys, Clock clock) {
		this.keys = keys;
		this.clock = clock;
	}

	/**
	 * The editor a named key stands for. The key is found by its digest, so the secret
	 * itself is never compared.
	 * @param token the token as sent
	 * @return the editor, or empty when no key has this secret
	 */
	Optional<Editor> authenticate(String token) {
		return this.keys.findByDigest(HexFormat.of().formatHex(sha256(token)))
			.map((key) -> new Editor(key.name(), key.role()));
	}

	NewApiKey create(String name, Role role, Editor creator) {
		if (RESERVED.stream().anyMatch(name::equalsIgnoreCase)) {
			throw reserved(name);
		}
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		Instant now = Instant.now(this.clock).truncatedTo(ChronoUnit.MILLIS);
		ApiKey kept = new ApiKey(name, role, HexFormat.of().formatHex(sha256(key)), now, creator.name());
		if (!this.keys.insert(kept)) {
			throw taken(name);
		}
		return new NewApiKey(kept, key);
	}

	List<ApiKey> list() {
		return this.keys.findAll();
	}

	void revoke(String name) {
		if (!this.keys.delete(name)) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"No API key is named " + name + ".");
			problem.setTitle("API key not found");
			throw new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
		}
	}

	private static ErrorResponseException reserved(String name) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The name " + name + " is reserved: the history records " + String.join(" and ", RESERVED)
						+ " for the configured token and the scheduler. Choose another name.");
		problem.setTitle("Name reserved");
		return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
	}

	private static ErrorResponseException taken(String name) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "An API key named " + name
				+ " exists already (names are compared ignoring case); revoke it first or " + "choose another name.");
		problem.setTitle("Name taken");
		return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A key just created: the only time its secret is known.
	 *
	 * @param key the key as kept
	 * @param secret the secret to send as {@code Authorization: Bearer <secret>}
	 */
	record NewApiKey(ApiKey key, String secret) {

	}

}
