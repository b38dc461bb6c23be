package org.syndication.publisher.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.localstack.KafkaAccess;
import org.syndication.web.pipeline.Traces;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The relay against Kafka's mock producer, which records transactions, and a mock reader
 * of the relay's topic: each batch goes out in one transaction with the outbox ids it
 * carries, and after a failure the last committed transaction, and nothing else, decides
 * what counts as sent.
 */
class OutboxRelayTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

	private static final TopicPartition RELAYED = new TopicPartition(RelayTransactions.TOPIC, 0);

	private final OutboxRepository repository = mock(OutboxRepository.class);

	private final List<OutboxRecord> unsent = new ArrayList<>();

	private final List<MockProducer<String, byte[]>> producers = new ArrayList<>();

	// What the relay's topic holds as its last committed record, or null for nothing.
	private final AtomicReference<String> lastCommitted = new AtomicReference<>();

	private RelayTransactions transactions;

	// The commit failure of the next producer made, if any.
	private RuntimeException nextCommitFailure;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@BeforeEach
	void outboxWithThreeMessages() {
		given(this.repository.findUnsent(anyInt()))
			.willAnswer((invocation) -> this.unsent.stream().limit(invocation.<Integer>getArgument(0)).toList());
		given(this.repository.hasUnsent()).willAnswer((invocation) -> !this.unsent.isEmpty());
		given(this.repository.markSent(any(), any())).willAnswer((invocation) -> {
			List<Long> ids = invocation.getArgument(0);
			int before = this.unsent.size();
			this.unsent.removeIf((record) -> ids.contains(record.position()));
			return before - this.unsent.size();
		});
		for (long position = 1; position <= 3; position++) {
			this.unsent.add(new OutboxRecord(position,
					new OutboxMessage("articles", "article-" + position, "{}", Map.of()), Instant.EPOCH));
		}
		this.transactions = new RelayTransactions(() -> {
			MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
					new ByteArraySerializer());
			producer.commitTransactionException = this.nextCommitFailure;
			this.nextCommitFailure = null;
			this.producers.add(producer);
			return producer;
		}, this::reader);
	}

	private OutboxRelay relay() {
		KafkaAdmin admin = mock(KafkaAdmin.class);
		given(admin.initialize()).willReturn(true);
		OutboxProperties properties = new OutboxProperties(Duration.ofMillis(1), 500, Duration.ofSeconds(5),
				Duration.ofDays(7), Duration.ofMillis(1), Duration.ofHours(1), Duration.ofSeconds(5));
		return new OutboxRelay(this.repository, new OutboxSends(Map.of(), new Traces(Tracer.NOOP, Propagator.NOOP)),
				this.transactions, admin, properties, new OutboxMetrics(this.repository, CLOCK, this.meters), CLOCK);
	}

	/** A reader of the relay's topic that finds what {@link #lastCommitted} says. */
	private MockConsumer<String, byte[]> reader() {
		MockConsumer<String, byte[]> reader = new MockConsumer<>("earliest");
		String ids = this.lastCommitted.get();
		reader.updateBeginningOffsets(Map.of(RELAYED, 0L));
		reader.updateEndOffsets(Map.of(RELAYED, (ids != null) ? 1L : 0L));
		if (ids != null) {
			reader.schedulePollTask(() -> reader.addRecord(new ConsumerRecord<>(RelayTransactions.TOPIC, 0, 0,
					"relayed", ids.getBytes(StandardCharsets.UTF_8))));
		}
		return reader;
	}

	@Test
	void eachBatchGoesToKafkaInOneTransactionWithTheOutboxIdsItCarries() {
		assertThat(relay().relayBatch()).isEqualTo(3);

		MockProducer<String, byte[]> producer = this.producers.get(0);
		assertThat(producer.transactionInitialized()).isTrue();
		assertThat(producer.transactionCommitted()).isTrue();
		assertThat(producer.history()).extracting(ProducerRecord::topic)
			.containsExactly("articles", "articles", "articles", RelayTransactions.TOPIC);
		assertThat(new String(producer.history().get(3).value(), StandardCharsets.UTF_8)).isEqualTo("1-3");
		verify(this.repository).markSent(List.of(1L, 2L, 3L), Instant.parse("2026-11-30T12:00:00Z"));
	}

	@Test
	void aTransactionKafkaDidNotCommitIsSentAgainWholeByANewProducer() {
		OutboxRelay relay = relay();
		relay.relayBatch();
		this.unsent.add(new OutboxRecord(4, new OutboxMessage("articles", "article-4", "{}", Map.of()), Instant.EPOCH));
		this.producers.get(0).commitTransactionException = new TimeoutException("no answer");
		this.lastCommitted.set("1-3");

		assertThat(relay.relayBatch()).isEqualTo(-1);
		assertThat(this.producers.get(0).closed()).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(relay::hasWork);
		assertThat(relay.relayBatch()).isEqualTo(1);

		MockProducer<String, byte[]> second = this.producers.get(1);
		assertThat(second.transactionCommitted()).isTrue();
		assertThat(second.history()).extracting(ProducerRecord::key).containsExactly("article-4", "relayed");
		assertThat(this.unsent).isEmpty();
	}

	@Test
	void aTransactionKafkaCommittedThoughItsAnswerWasLostIsNotSentAgain() {
		OutboxRelay relay = relay();
		relay.relayBatch();
		this.unsent.add(new OutboxRecord(4, new OutboxMessage("articles", "article-4", "{}", Map.of()), Instant.EPOCH));
		this.producers.get(0).commitTransactionException = new TimeoutException("no answer");
		assertThat(relay.relayBatch()).isEqualTo(-1);
		// Kafka committed it all the same: its record is the last one.
		this.lastCommitted.set("4");

		await().atMost(Duration.ofSeconds(5)).until(relay::hasWork);
		assertThat(relay.relayBatch()).isEqualTo(1);
		assertThat(this.producers.get(1).history()).isEmpty();
		assertThat(this.unsent).isEmpty();
	}

	@Test
	void anOutboxThatCouldNotBeUpdatedAfterACommitLearnsFromKafkaWhatWentOut() {
		OutboxRelay relay = relay();
		willThrow(new DataAccessResourceFailureException("away")).given(this.repository).markSent(any(), any());
		assertThatThrownBy(relay::relayBatch).isInstanceOf(DataAccessResourceFailureException.class);
		this.lastCommitted.set("1-3");
		willAnswer((invocation) -> {
			this.unsent.clear();
			return 3;
		}).given(this.repository).markSent(any(), any());

		assertThat(relay.relayBatch()).isEqualTo(3);
		assertThat(this.producers).hasSize(1);
		assertThat(this.producers.get(0).history()).hasSize(4);
	}

	@Test
	void aRelayThatStartsMarksWhatTheLastCommittedTransactionCarriedAndSendsTheRest() {
		this.lastCommitted.set("1-2");

		assertThat(relay().relayBatch()).isEqualTo(3);
		assertThat(this.producers.get(0).history()).extracting(ProducerRecord::key)
			.containsExactly("article-3", "relayed");
		assertThat(new String(this.producers.get(0).history().get(1).value(), StandardCharsets.UTF_8)).isEqualTo("3");
	}

	@Test
	void aKafkaThatCannotBeReachedLeavesEveryMessageUnsent() {
		MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
				new ByteArraySerializer());
		producer.initTransactionException = new TimeoutException("no broker");
		this.transactions = new RelayTransactions(() -> producer, this::reader);

		assertThat(relay().relayBatch()).isEqualTo(-1);
		assertThat(producer.history()).isEmpty();
		verify(this.repository, never()).markSent(any(), any());
	}

	@Test
	void anInstanceFencedByAnotherThatRelayedMeanwhileReadiesANewProducerWithoutCountingAFailure() {
		this.nextCommitFailure = new ProducerFencedException("another instance took the transactional id");
		OutboxRelay relay = relay();

		assertThat(relay.relayBatch()).isEqualTo(-1);
		assertThat(this.meters.counter("outbox.send.failures").count()).isZero();
		assertThat(relay.hasWork()).isTrue();
		assertThat(relay.relayBatch()).isEqualTo(3);
		assertThat(this.producers).hasSize(2);
		assertThat(this.producers.get(1).transactionCommitted()).isTrue();
	}

	@Test
	void theRelaysTopicAndTransactionalIdAreTheOnesTheBrokersAclsGrant() {
		assertThat(RelayTransactions.TOPIC).isEqualTo(KafkaAccess.PUBLISHER_RELAY_TOPIC);
		assertThat(RelayTransactions.TRANSACTIONAL_ID).isEqualTo(KafkaAccess.PUBLISHER_TRANSACTIONAL_ID);
	}

}
