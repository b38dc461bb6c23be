package org.syndication.notifier;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * The service's packages (alert, bounce, delivery, digest, links, mail, subscription,
 * web) depend on each other without a cycle, and only through each other's top-level
 * types.
 */
class ModuleStructureTests {

	@Test
	void packagesDependOnEachOtherWithoutACycle() {
		ApplicationModules.of(NotifierApplication.class).verify();
	}

}
