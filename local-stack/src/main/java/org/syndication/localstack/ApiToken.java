package org.syndication.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The publisher's API token: given by {@code SYNDICATION_API_TOKEN}, or generated once
 * and kept in the data directory so that scripts and notes stay valid across restarts.
 */
final class ApiToken {

	static final String ENVIRONMENT_VARIABLE = "SYNDICATION_API_TOKEN";

	private ApiToken() {
	}

	static String resolve(Map<String, String> environment, Path dataDir) {
		String given = environment.get(ENVIRONMENT_VARIABLE);
		if (given != null && !given.isBlank()) {
			return given.strip();
		}
		Path file = dataDir.resolve("api-token");
		try {
			if (Files.exists(file)) {
				String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
				if (!kept.isEmpty()) {
					return kept;
				}
			}
			String generated = generate();
			Files.createDirectories(dataDir);
			Files.writeString(file, generated + System.lineSeparator(), StandardCharsets.UTF_8);
			restrictToOwner(file);
			return generated;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep the API token in " + file, ex);
		}
	}

	static String generate() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static void restrictToOwner(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system: the file keeps the default permissions.
		}
	}

}
