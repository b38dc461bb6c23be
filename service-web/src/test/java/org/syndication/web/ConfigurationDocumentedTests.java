package org.syndication.web;

import org.junit.jupiter.api.Test;
import org.syndication.testsupport.ConfigurationTable;

/**
 * The configuration page shows the settings every service has from service-web as the
 * properties records declare it: the table between its markers is the one made from this
 * module's configuration metadata. Run with {@code -Dsyndication.docs.write=true}, the
 * test writes it there.
 */
class ConfigurationDocumentedTests {

	@Test
	void theConfigurationPageShowsEachSettingWithItsDescriptionAndDefault() {
		ConfigurationTable.of("service-web").check(ConfigurationTable.PAGE);
	}

}
