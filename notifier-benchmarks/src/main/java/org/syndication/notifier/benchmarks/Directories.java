package org.syndication.notifier.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The temporary directories of the benchmarks' databases: made for a run, removed after
 * it.
 */
final class Directories {

	private Directories() {
	}

	/**
	 * The JDBC URL of an H2 file database, as the local stack runs the notifier's.
	 * @param file the database's file, without its extension
	 */
	static String h2File(Path file) {
		return "jdbc:h2:file:" + file.toAbsolutePath() + ";AUTO_SERVER=FALSE;WRITE_DELAY=0";
	}

	static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
