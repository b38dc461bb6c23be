package org.syndication.feed.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rendered bodies as files in a private folder, named by their content tag, for the
 * servlet container to send with sendfile. A file no entry refers to is deleted once it
 * is older than a grace period, since a response may still be sending it.
 */
final class SpooledBodies {

	private static final Logger logger = LoggerFactory.getLogger(SpooledBodies.class);

	private static final Duration GRACE = Duration.ofMinutes(2);

	private final Path directory;

	SpooledBodies(Path directory) {
		this.directory = directory;
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + directory, ex);
		}
	}

	static SpooledBodies inTemporaryFolder() {
		try {
			Path directory = Files.createTempDirectory("feed-bodies-");
			directory.toFile().deleteOnExit();
			return new SpooledBodies(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes a body once; the same content has the same name.
	 * @return the file, or {@code null} if it could not be written (the body is then
	 * served from memory)
	 */
	Path spool(String tag, byte[] body) {
		Path file = this.directory.resolve(tag);
		if (Files.exists(file)) {
			return file.toAbsolutePath();
		}
		try {
			Path partial = Files.createTempFile(this.directory, "partial-", ".tmp");
			Files.write(partial, body);
			Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			return file.toAbsolutePath();
		}
		catch (IOException ex) {
			logger.warn("Cannot spool a feed body to {}; serving it from memory", file, ex);
			return null;
		}
	}

	/** Deletes old files that no cached feed refers to. */
	void deleteUnused(Set<Path> inUse, Instant now) {
		try (Stream<Path> files = Files.list(this.directory)) {
			files.filter((file) -> !inUse.contains(file.toAbsolutePath())).filter((file) -> {
				try {
					return Files.getLastModifiedTime(file).toInstant().plus(GRACE).isBefore(now);
				}
				catch (IOException ex) {
					return false;
				}
			}).forEach((file) -> {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					logger.debug("Cannot delete {}", file, ex);
				}
			});
		}
		catch (IOException ex) {
			logger.debug("Cannot list {}", this.directory, ex);
		}
	}

}
