package org.syndication.web.positions;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Where a binding reads from when it is given partitions, which records of a batch are
 * replays, and the progress saved with the work that applies them, on H2 and Kafka's mock
 * consumer.
 */
class ConsumerPositionsTests {

	private static final TopicPartition ZERO = new TopicPartition("articles", 0);

	private static final TopicPartition ONE = new TopicPartition("articles", 1);

	private final EmbeddedDatabase database = new EmbeddedDatabaseBuilder().generateUniqueName(true)
		.setType(EmbeddedDatabaseType.H2)
		.addScript("classpath:org/syndication/web/positions/consumer_position.sql")
		.build();

	private final JdbcClient jdbc = JdbcClient.create(this.database);

	private final ConsumerPositions positions = new ConsumerPositions(this.jdbc,
			new DataSourceTransactionManager(this.database), "articles-in-0", false, Duration.ofSeconds(5));

	private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

	@AfterEach
	void shutDown() {
		this.database.shutdown();
	}

	@Test
	void aPartitionIsReadFromThePositionTheDatabaseHoldsAndWhatTheGroupHadHandledIsAReplay() {
		this.positions.applyWith(new Progress(Map.of(ZERO, 5L)), () -> {
		});
		assign(Map.of(ZERO, 8L, ONE, 3L));

		assertThat(this.consumer.position(ZERO)).isEqualTo(5);
		ConsumedBatch batch = this.positions.batch(batch(ZERO, 5, 6, 7, 8, 9));
		assertThat(List.of(0, 1, 2, 3, 4)).map(batch::replayed).containsExactly(true, true, true, false, false);
		assertThat(batch.upTo(3).next()).containsExactly(Map.entry(ZERO, 8L));
		assertThat(batch.upTo(5).next()).containsExactly(Map.entry(ZERO, 10L));
	}

	@Test
	void aPartitionTheDatabaseHoldsNoPositionOfIsReadFromTheGroupsOffsetWhichIsSavedAtOnce() {
		this.positions.applyWith(new Progress(Map.of(ZERO, 8L)), () -> {
		});
		assign(Map.of(ZERO, 8L, ONE, 3L));

		assertThat(this.consumer.position(ONE)).isEqualTo(3);
		assertThat(this.positions.stored("articles")).containsExactlyInAnyOrderEntriesOf(Map.of(0, 8L, 1, 3L));
		assertThat(List.of(0, 1)).map(this.positions.batch(batch(ONE, 3, 4))::replayed).containsExactly(false, false);
	}

	@Test
	void theProgressIsSavedWithTheWorkThatAppliesItOrNotAtAll() {
		this.positions.applyWith(new Progress(Map.of(ZERO, 4L)), () -> {
		});
		assertThatIllegalStateException()
			.isThrownBy(() -> this.positions.applyWith(new Progress(Map.of(ZERO, 9L, ONE, 2L)), () -> {
				throw new IllegalStateException("The work failed");
			}));

		assertThat(this.positions.stored("articles")).containsExactly(Map.entry(0, 4L));
	}

	@Test
	void aRecordTheDeadLetterTopicTookIsPassedWhereThePositionStandsAtIt() {
		this.positions.applyWith(new Progress(Map.of(ZERO, 11L, ONE, 4L)), () -> {
		});

		this.positions.passed(new ConsumerRecord<>("articles", 0, 11, null, null));
		this.positions.passed(new ConsumerRecord<>("articles", 1, 7, null, null));

		assertThat(this.positions.stored("articles")).containsExactlyInAnyOrderEntriesOf(Map.of(0, 12L, 1, 4L));
	}

	@Test
	void aBatchThatDoesNotSayWhereItsRecordsLieReplaysNothingAndSavesNothing() {
		assign(Map.of(ZERO, 8L));
		ConsumedBatch batch = this.positions.batch(MessageBuilder.withPayload(List.of("a", "b")).build());

		assertThat(batch.replayed(0)).isFalse();
		assertThat(batch.upTo(2).next()).isEmpty();
	}

	private void assign(Map<TopicPartition, Long> committed) {
		this.consumer.assign(committed.keySet());
		this.consumer.updateBeginningOffsets(Map.of(ZERO, 0L, ONE, 0L));
		committed
			.forEach((partition, offset) -> this.consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset))));
		this.positions.onPartitionsAssigned("articles-in-0", this.consumer, committed.keySet(), true);
	}

	private static Message<List<String>> batch(TopicPartition partition, long... offsets) {
		List<String> values = new java.util.ArrayList<>();
		List<Integer> partitions = new java.util.ArrayList<>();
		List<Long> positions = new java.util.ArrayList<>();
		List<String> topics = new java.util.ArrayList<>();
		for (long offset : offsets) {
			values.add("record " + offset);
			partitions.add(partition.partition());
			positions.add(offset);
			topics.add(partition.topic());
		}
		return MessageBuilder.withPayload(values)
			.setHeader(KafkaHeaders.RECEIVED_TOPIC, topics)
			.setHeader(KafkaHeaders.RECEIVED_PARTITION, partitions)
			.setHeader(KafkaHeaders.OFFSET, positions)
			.build();
	}

}
