package org.syndication.feed.websub;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration that gives callbacks stored before their normalisation their one
 * spelling, on a database at the version before it.
 */
class CallbackMigrationTests {

	private static final String BASE = "http://feeds.example";

	private final SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
			"jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

	private final JdbcClient jdbc = JdbcClient.create(this.dataSource);

	@Test
	void oneCallbackSpelledManyWaysBecomesOneSubscriptionThatKeepsThePushOwed() {
		migrate("9");
		long newest = insert("HTTPS://Reader.Example:443/cb?u=%31", "reader.example", "2026-12-01T10:00:00Z");
		long older = insert("https://reader.example./%63b?u=1", "reader.example.", "2026-11-01T10:00:00Z");
		long oldest = insert("https://reader.example/cb?u=1", "reader.example", "2026-10-01T10:00:00Z");
		long other = insert("https://Other.Example/cb", "other.example", "2026-10-01T10:00:00Z");
		owe(oldest);

		migrate(null);

		List<Map<String, Object>> rows = this.jdbc
			.sql("SELECT id, subscription_key, callback, callback_host FROM websub_subscription ORDER BY id")
			.query()
			.listOfRows();
		assertThat(rows).extracting((row) -> row.get("ID")).containsExactly(newest, other);
		assertThat(rows).extracting((row) -> row.get("CALLBACK"))
			.containsExactly("https://reader.example/cb?u=1", "https://other.example/cb");
		assertThat(rows).extracting((row) -> row.get("CALLBACK_HOST"))
			.containsExactly("reader.example", "other.example");
		assertThat(rows).extracting((row) -> row.get("SUBSCRIPTION_KEY"))
			.containsExactly(Subscriptions.key(BASE + "/feeds/atom.xml", "https://reader.example/cb?u=1"),
					Subscriptions.key(BASE + "/feeds/atom.xml", "https://other.example/cb"));
		assertThat(this.jdbc.sql("SELECT subscription_id FROM websub_delivery").query(Long.class).list())
			.containsExactly(newest);
		assertThat(older).isNotIn(newest, other);
	}

	private void migrate(String target) {
		var configuration = Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration")
			.javaMigrations(new V10__Normalise_websub_callbacks(BASE));
		if (target != null) {
			configuration.target(target);
		}
		configuration.load().migrate();
	}

	private long insert(String callback, String host, String verifiedAt) {
		this.jdbc
			.sql("""
					INSERT INTO websub_subscription (subscription_key, topic, feed_key, format, callback, callback_host,
					secret, lease_seconds, expires_at, verified_at)
					VALUES (:key, :topic, 'all', 'ATOM', :callback, :host, NULL, 3600, TIMESTAMP WITH TIME ZONE '2027-01-01 00:00:00Z',
					CAST(:verified AS TIMESTAMP WITH TIME ZONE))""")
			.param("key", Subscriptions.key(BASE + "/feeds/atom.xml", callback))
			.param("topic", BASE + "/feeds/atom.xml")
			.param("callback", callback)
			.param("host", host)
			.param("verified", verifiedAt)
			.update();
		return this.jdbc.sql("SELECT id FROM websub_subscription WHERE callback = :callback")
			.param("callback", callback)
			.query(Long.class)
			.single();
	}

	private void owe(long subscription) {
		this.jdbc
			.sql("INSERT INTO websub_delivery (subscription_id, changes, attempts, next_attempt_at) "
					+ "VALUES (:id, 1, 0, CURRENT_TIMESTAMP)")
			.param("id", subscription)
			.update();
	}

}
