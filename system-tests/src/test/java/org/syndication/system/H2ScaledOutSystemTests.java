package org.syndication.system;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The scaled-out scenarios with each service's two instances sharing an H2 file database
 * (in mixed mode).
 */
class H2ScaledOutSystemTests extends ScaledOutScenarios {

	@Override
	Function<Path, Databases> databases() {
		return Databases::h2;
	}

}
