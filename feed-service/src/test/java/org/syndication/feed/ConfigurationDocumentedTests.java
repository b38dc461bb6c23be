package org.syndication.feed;

import org.junit.jupiter.api.Test;
import org.syndication.testsupport.ConfigurationTable;

/**
 * The configuration page shows every setting of feed-service as the properties records
 * declare it: the table between its markers is the one made from this module's
 * configuration metadata. Run with {@code -Dsyndication.docs.write=true}, the test writes
 * it there.
 */
class ConfigurationDocumentedTests {

	@Test
	void theConfigurationPageShowsEachSettingWithItsDescriptionAndDefault() {
		ConfigurationTable.of("feed-service").check(ConfigurationTable.PAGE);
	}

}
