package org.syndication.publisher;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * The service's packages (article, editor, outbox, web) depend on each other without a
 * cycle, and only through each other's top-level types.
 */
class ModuleStructureTests {

	@Test
	void packagesDependOnEachOtherWithoutACycle() {
		ApplicationModules.of(PublisherApplication.class).verify();
	}

}
