package org.syndication.publisher.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.syndication.publisher.PublisherIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.syndication.publisher.TestApi.article;
import static org.syndication.publisher.TestApi.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The relay polls the outbox every 100 ms and the scheduler looks for due articles every
 * 200 ms here; while there is nothing to do, neither may write to the database. A
 * database of its own: the contexts other test classes leave cached run their own jobs on
 * theirs.
 */
@PublisherIntegrationTest
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:idle-scheduler;DB_CLOSE_DELAY=-1")
@DirtiesContext
class IdleSchedulerTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void nothingToSendAndNothingDueTakesNoLockInTheDatabase() throws Exception {
		this.mvc.perform(post(article())).andExpect(status().isCreated());
		String soon = Instant.now().plusSeconds(1).toString();
		this.mvc.perform(post(article().with("publishedAt", soon))).andExpect(status().isCreated());
		await().atMost(Duration.ofSeconds(20))
			.until(() -> unsent() == 0 && scheduled() == 0 && locks().containsKey("scheduled-publications"));
		// Both jobs took their locks; the last relay run may still be releasing its own.
		await().atMost(Duration.ofSeconds(5)).until(() -> unsent() == 0);
		Map<String, String> idle = locks();
		assertThat(idle).containsKeys("outbox-relay", "scheduled-publications");

		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> locks().equals(idle));
	}

	private long unsent() {
		return this.jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE sent_at IS NULL").query(Long.class).single();
	}

	private long scheduled() {
		return this.jdbc.sql("SELECT COUNT(*) FROM article WHERE status = 'SCHEDULED' AND published_at <= :now")
			.param("now", OffsetDateTime.now(ZoneOffset.UTC))
			.query(Long.class)
			.single();
	}

	/** Each lock's name with when it was last taken and until when it is held. */
	private Map<String, String> locks() {
		return this.jdbc.sql("SELECT name, locked_at, lock_until FROM shedlock")
			.query((rs, row) -> Map.entry(rs.getString("name"),
					rs.getTimestamp("locked_at") + " / " + rs.getTimestamp("lock_until")))
			.list()
			.stream()
			.collect(TreeMap::new, (map, entry) -> map.put(entry.getKey(), entry.getValue()), Map::putAll);
	}

}
