package org.syndication.publisher.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.syndication.web.pipeline.Traces;

import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The relay against a Kafka that answers when the test says: sends it has not answered
 * when the relay stops waiting are not sent again, however often the relay runs, until
 * Kafka has answered them.
 */
class OutboxRelayTests {

	private final OutboxRepository repository = mock(OutboxRepository.class);

	@SuppressWarnings("unchecked")
	private final KafkaTemplate<String, byte[]> kafka = mock(KafkaTemplate.class);

	// Written by the relay's thread where a test runs it in the background.
	private final List<CompletableFuture<SendResult<String, byte[]>>> sends = new CopyOnWriteArrayList<>();

	private final List<OutboxRecord> unsent = new ArrayList<>();

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

	private OutboxRelay relay;

	@BeforeEach
	@SuppressWarnings("unchecked")
	void stalledKafka() {
		ProducerFactory<String, byte[]> producers = mock(ProducerFactory.class);
		given(producers.getConfigurationProperties()).willReturn(Map.of());
		given(this.kafka.getProducerFactory()).willReturn(producers);
		given(this.kafka.send(any(ProducerRecord.class))).willAnswer((invocation) -> {
			CompletableFuture<SendResult<String, byte[]>> send = new CompletableFuture<>();
			this.sends.add(send);
			return send;
		});
		given(this.repository.findUnsent(anyInt()))
			.willAnswer((invocation) -> this.unsent.stream().limit(invocation.<Integer>getArgument(0)).toList());
		given(this.repository.findUnsentAfter(anyLong(), anyInt())).willAnswer((invocation) -> this.unsent.stream()
			.filter((record) -> record.position() > invocation.<Long>getArgument(0))
			.limit(invocation.<Integer>getArgument(1))
			.toList());
		given(this.repository.hasUnsent()).willAnswer((invocation) -> !this.unsent.isEmpty());
		for (long position = 1; position <= 3; position++) {
			this.unsent.add(new OutboxRecord(position,
					new OutboxMessage("articles", "article-" + position, "{}", Map.of()), Instant.EPOCH));
		}
		this.relay = relay(500, Duration.ofMillis(50));
	}

	private OutboxRelay relay(int batchSize, Duration sendTimeout) {
		KafkaAdmin admin = mock(KafkaAdmin.class);
		given(admin.initialize()).willReturn(true);
		OutboxProperties properties = new OutboxProperties(Duration.ofMillis(1), batchSize, sendTimeout,
				Duration.ofDays(7), Duration.ofMillis(1), Duration.ofHours(1), Duration.ofSeconds(5));
		return new OutboxRelay(this.repository, new OutboxSends(this.kafka, new Traces(Tracer.NOOP, Propagator.NOOP)),
				admin, properties, new OutboxMetrics(this.repository, CLOCK, new SimpleMeterRegistry()), CLOCK);
	}

	@Test
	void sendsKafkaHasNotAnsweredAreNotSentAgainAndAreMarkedWhenConfirmed() {
		assertThat(this.relay.relayBatch()).isEqualTo(-1);
		assertThat(this.sends).hasSize(3);

		// The broker is stalled: however often the relay is asked, nothing goes out
		// again.
		for (int i = 0; i < 5; i++) {
			assertThat(this.relay.hasWork()).isFalse();
			this.relay.relayBatch();
		}
		assertThat(this.sends).hasSize(3);
		verify(this.repository, never()).markSent(any(), any());

		// Kafka answers the sends it had, all confirmed: they are marked, not sent again.
		this.sends.forEach((send) -> send.complete(null));
		// Once the pause after the failure is over.
		await().atMost(Duration.ofSeconds(5)).until(this.relay::hasWork);
		this.unsent.clear();
		this.relay.relayBatch();
		verify(this.repository).markSent(List.of(1L, 2L, 3L), Instant.parse("2026-11-30T12:00:00Z"));
		assertThat(this.sends).hasSize(3);
	}

	@Test
	void afterASendKafkaRefusedOnlyTheConfirmedOnesBeforeItAreMarkedAndTheRestAreSentAgainInOrder() throws Exception {
		this.relay.relayBatch();
		this.sends.get(0).complete(null);
		this.sends.get(1).completeExceptionally(new IllegalStateException("not leader"));
		this.sends.get(2).complete(null);
		this.unsent.remove(0);

		this.relay.relayBatch();
		verify(this.repository).markSent(List.of(1L), Instant.parse("2026-11-30T12:00:00Z"));
		assertThat(this.sends).hasSize(5);
	}

	@Test
	void aRunReturnsOnlyOnceKafkaHasAnsweredEverySendItMadeSoItsLockCoversThemAll() throws Exception {
		CompletableFuture<Void> run = CompletableFuture.runAsync(this.relay::relay);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.sends.size() == 3);

		// Long past the send timeout, the run (and with it the scheduler lock) waits for
		// Kafka's answers: no other instance can read the rows in flight.
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !run.isDone());
		verify(this.repository, never()).markSent(any(), any());

		this.sends.forEach((send) -> send.complete(null));
		run.get(5, TimeUnit.SECONDS);
		verify(this.repository).markSent(List.of(1L, 2L, 3L), Instant.parse("2026-11-30T12:00:00Z"));
		assertThat(this.sends).hasSize(3);
	}

	@Test
	void theNextBatchIsSentWhileTheOneBeforeWaitsAndMessagesAreMarkedInOrderOnly() throws Exception {
		for (long position = 4; position <= 5; position++) {
			this.unsent.add(new OutboxRecord(position,
					new OutboxMessage("articles", "article-" + position, "{}", Map.of()), Instant.EPOCH));
		}
		// Kafka answers within the send timeout here.
		OutboxRelay relay = relay(2, Duration.ofSeconds(30));
		CompletableFuture<Integer> run = CompletableFuture.supplyAsync(relay::relayBatch);

		// Two batches of two handed to the producer before Kafka answered any.
		await().atMost(Duration.ofSeconds(5)).until(() -> this.sends.size() == 4);
		// Kafka confirms the later ones first: nothing is marked before the first.
		this.sends.subList(1, 4).forEach((send) -> send.complete(null));
		await().during(Duration.ofMillis(200))
			.atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> verify(this.repository, never()).markSent(any(), any()));

		this.sends.get(0).complete(null);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.sends.size() == 5);
		this.sends.get(4).complete(null);
		assertThat(run.get(5, TimeUnit.SECONDS)).isEqualTo(5);
		verify(this.repository).markSent(List.of(1L, 2L, 3L, 4L), Instant.parse("2026-11-30T12:00:00Z"));
		verify(this.repository).markSent(List.of(5L), Instant.parse("2026-11-30T12:00:00Z"));
	}

}
