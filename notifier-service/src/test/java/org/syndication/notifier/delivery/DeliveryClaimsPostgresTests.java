package org.syndication.notifier.delivery;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.syndication.testsupport.PostgresTestDatabase;

import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@Tag("postgres")
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class DeliveryClaimsPostgresTests extends DeliveryClaimsTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

	/**
	 * PostgreSQL locks the rows after it has sorted them and cut the result to the chunk:
	 * only the chunk.
	 */
	@Override
	List<Long> leftUnlockedBySortedChunkOfThree(List<Long> queued) {
		return queued.subList(3, queued.size());
	}

}
