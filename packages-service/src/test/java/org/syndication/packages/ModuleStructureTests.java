package org.syndication.packages;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * The service's packages (definition, ninjs, routing, runtime, web) depend on each other
 * without a cycle, and only through each other's top-level types.
 */
class ModuleStructureTests {

	@Test
	void packagesDependOnEachOtherWithoutACycle() {
		ApplicationModules.of(PackagesApplication.class).verify();
	}

}
