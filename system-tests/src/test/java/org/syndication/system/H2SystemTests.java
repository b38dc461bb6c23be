package org.syndication.system;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The system scenarios with every service on its own H2 file database, the default.
 */
class H2SystemTests extends SystemScenarios {

	@Override
	Function<Path, Databases> databases() {
		return Databases::h2;
	}

}
