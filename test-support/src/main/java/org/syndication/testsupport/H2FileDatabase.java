package org.syndication.testsupport;

import java.nio.file.Path;

/** An H2 file database, as the local stack runs the services' databases. */
public final class H2FileDatabase {

	private H2FileDatabase() {
	}

	/**
	 * @param file the database's file, without its extension
	 * @return its JDBC URL: written through at each commit, as a file database the local
	 * stack runs is
	 */
	public static String url(Path file) {
		return "jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0";
	}

}
