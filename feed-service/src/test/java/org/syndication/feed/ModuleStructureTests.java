package org.syndication.feed;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * The service's packages (catalog, rendering, documents, web, websub) depend on each
 * other without a cycle, and only through each other's top-level types.
 */
class ModuleStructureTests {

	@Test
	void packagesDependOnEachOtherWithoutACycle() {
		ApplicationModules.of(FeedApplication.class).verify();
	}

}
