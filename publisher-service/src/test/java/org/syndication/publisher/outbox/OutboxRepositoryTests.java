package org.syndication.publisher.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.autoconfigure.json.AutoConfigureJson;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox table on H2; {@link OutboxRepositoryPostgresTests} runs the same tests on
 * PostgreSQL.
 */
@JdbcTest
@AutoConfigureJson
@Import(OutboxRepository.class)
class OutboxRepositoryTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123Z");

	@Autowired
	private OutboxRepository outbox;

	@Test
	void messagesComeBackInTheOrderTheyWereWrittenWithTheirHeaders() {
		OutboxMessage first = new OutboxMessage("articles", "a", "{\"n\":1}",
				Map.of("ce_id", "1", "content-type", "application/json"));
		OutboxMessage tombstone = OutboxMessage.tombstone("articles", "a");
		OutboxMessage third = new OutboxMessage("articles", "b", "{\"title\":\"中文 🚲\"}", Map.of());
		this.outbox.insert(first, NOW);
		this.outbox.insert(tombstone, NOW);
		this.outbox.insert(third, NOW);

		List<OutboxRecord> unsent = this.outbox.findUnsent(10);
		assertThat(unsent).extracting(OutboxRecord::message).containsExactly(first, tombstone, third);
		assertThat(unsent).extracting(OutboxRecord::position).isSorted();
		assertThat(this.outbox.findUnsent(2)).hasSize(2);
	}

	@Test
	void sentMessagesLeaveTheBacklogAndExpire() {
		this.outbox.insert(new OutboxMessage("articles", "a", "{}", Map.of()), NOW);
		this.outbox.insert(new OutboxMessage("articles", "b", "{}", Map.of()), NOW.plusSeconds(10));
		assertThat(this.outbox.backlog(NOW.plusSeconds(60)))
			.isEqualTo(new OutboxRepository.Backlog(2, Duration.ofSeconds(60)));

		List<OutboxRecord> unsent = this.outbox.findUnsent(10);
		this.outbox.markSent(List.of(unsent.get(0).position()), NOW.plusSeconds(61));
		assertThat(this.outbox.findUnsent(10)).extracting(OutboxRecord::position)
			.containsExactly(unsent.get(1).position());
		assertThat(this.outbox.backlog(NOW.plusSeconds(70)))
			.isEqualTo(new OutboxRepository.Backlog(1, Duration.ofSeconds(60)));

		assertThat(this.outbox.deleteSentBefore(NOW.plusSeconds(60))).isZero();
		assertThat(this.outbox.deleteSentBefore(NOW.plusSeconds(62))).isOne();
		assertThat(this.outbox.findUnsent(10)).hasSize(1);
	}

}
