package org.syndication.web.deadletters;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.mock.MockConsumerFactory;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;
import static org.mockito.Mockito.mock;

class BatchDeadLettersTests {

	private static final TopicPartition ARTICLES = new TopicPartition("articles", 2);

	// The template closes its producer after each send; the service's producer factory
	// hands out one that stays open, and so does this one.
	private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
			new ByteArraySerializer()) {

		@Override
		public void close() {
		}

		@Override
		public void close(Duration timeout) {
		}

	};

	private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

	private final KafkaMessageListenerContainer<byte[], byte[]> container = new KafkaMessageListenerContainer<>(
			new MockConsumerFactory<>(() -> this.consumer), new ContainerProperties("articles"));

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void theRecordTheListenerNamesGoesToTheDeadLetterTopicAsReadWithTheBindersHeadersAndItsOwnFailure() {
		List<Long> passed = new java.util.ArrayList<>();
		new BatchDeadLetters(new MockProducerFactory<>(() -> this.producer), this.meters,
				(record) -> passed.add(record.offset()))
			.configure(this.container, "articles", "a-group",
					(record, exception) -> new TopicPartition("articles.a-group.dlq", -1), new FixedBackOff(0, 0));
		ConsumerRecords<byte[], byte[]> batch = new ConsumerRecords<>(
				Map.of(ARTICLES, List.of(record(10, "first"), record(11, "poison"), record(12, "third"))), Map.of());
		this.consumer.assign(List.of(ARTICLES));
		// As the container hands it over: the listener's failure, wrapped on the way.
		Exception thrown = new ListenerExecutionFailedException("Listener failed",
				new IllegalStateException("error occurred in message handler", new BatchListenerFailedException(
						"Record 1 of the batch failed", new IllegalArgumentException("not an article"), 1)));

		// The handler seeks back to the records after the dead one and says so, as the
		// container expects.
		assertThatExceptionOfType(KafkaException.class).isThrownBy(() -> this.container.getCommonErrorHandler()
			.handleBatch(thrown, batch, this.consumer, this.container, () -> {
			}));

		assertThat(this.consumer.committed(Set.of(ARTICLES))).containsEntry(ARTICLES, new OffsetAndMetadata(12));
		assertThat(this.producer.history()).hasSize(1);
		ProducerRecord<byte[], byte[]> dead = this.producer.history().get(0);
		assertThat(dead.topic()).isEqualTo("articles.a-group.dlq");
		assertThat(dead.key()).asString(StandardCharsets.UTF_8).isEqualTo("key-11");
		assertThat(dead.value()).asString(StandardCharsets.UTF_8).isEqualTo("poison");
		assertThat(text(dead, "ce_id")).isEqualTo("event-11");
		assertThat(text(dead, "x-original-topic")).isEqualTo("articles");
		assertThat(dead.headers().lastHeader("x-original-partition").value())
			.isEqualTo(ByteBuffer.allocate(4).putInt(2).array());
		assertThat(dead.headers().lastHeader("x-original-offset").value())
			.isEqualTo(ByteBuffer.allocate(8).putLong(11).array());
		assertThat(text(dead, "x-exception-fqcn")).isEqualTo(IllegalArgumentException.class.getName());
		assertThat(text(dead, "x-exception-message")).isEqualTo("not an article");
		assertThat(text(dead, "x-exception-stacktrace"))
			.startsWith("java.lang.IllegalArgumentException: not an article");
		assertThat(StreamSupport.stream(dead.headers().spliterator(), false).map(Header::key))
			.noneMatch((name) -> name.startsWith("kafka_dlt-"));
		assertThat(deadLetters("articles.a-group.dlq")).isEqualTo(1);
		assertThat(passed).containsExactly(11L);
	}

	@Test
	void eachBindingsDeadLetterTopicIsCountedFromZeroBeforeItsFirstDeadLetterAndEachDeadLetterOnce() {
		BatchDeadLetters deadLetters = new BatchDeadLetters(new MockProducerFactory<>(() -> this.producer),
				this.meters);
		deadLetters.configure(this.container, "articles", "a-group",
				(record, exception) -> new TopicPartition("articles.a-group.dlq", -1), new FixedBackOff(0, 2),
				binding("articles.a-group.dlq"));
		deadLetters.configure(new KafkaMessageListenerContainer<>(new MockConsumerFactory<>(() -> this.consumer),
				new ContainerProperties("articles")), "articles", "without-dlq", null, null, binding(null));

		assertThat(this.meters.find("deadletter.records").counters()).singleElement()
			.satisfies((counter) -> assertThat(counter.getId().getTag("topic")).isEqualTo("articles.a-group.dlq"))
			.extracting(Counter::count)
			.isEqualTo(0.0);

		ConsumerRecords<byte[], byte[]> batch = new ConsumerRecords<>(
				Map.of(ARTICLES, List.of(record(10, "poison"), record(11, "poison too"))), Map.of());
		this.consumer.assign(List.of(ARTICLES));
		// The binding's three attempts each, then the dead-letter topic.
		for (int attempt = 0; attempt < 3; attempt++) {
			failFirst(batch);
		}
		ConsumerRecords<byte[], byte[]> rest = new ConsumerRecords<>(
				Map.of(ARTICLES, List.of(record(11, "poison too"))), Map.of());
		for (int attempt = 0; attempt < 3; attempt++) {
			failFirst(rest);
		}

		assertThat(this.producer.history()).hasSize(2);
		assertThat(deadLetters("articles.a-group.dlq")).isEqualTo(2);
	}

	@Test
	void aDeadLetterTheTopicDidNotTakeIsNotCountedAndItsRecordIsNotPassed() {
		List<Long> passed = new java.util.ArrayList<>();
		new BatchDeadLetters(new MockProducerFactory<>(() -> this.producer), this.meters,
				(record) -> passed.add(record.offset()))
			.configure(this.container, "articles", "a-group",
					(record, exception) -> new TopicPartition("articles.a-group.dlq", -1), new FixedBackOff(0, 0),
					binding("articles.a-group.dlq"));
		this.producer.sendException = new TimeoutException("Topic articles.a-group.dlq not present in metadata");
		ConsumerRecords<byte[], byte[]> batch = new ConsumerRecords<>(
				Map.of(ARTICLES, List.of(record(10, "first"), record(11, "poison"))), Map.of());
		this.consumer.assign(List.of(ARTICLES));

		assertThatRuntimeException().isThrownBy(() -> this.container.getCommonErrorHandler()
			.handleBatch(failed(1), batch, this.consumer, this.container, () -> {
			}));

		assertThat(this.consumer.committed(Set.of(ARTICLES))).containsEntry(ARTICLES, new OffsetAndMetadata(11));
		assertThat(deadLetters("articles.a-group.dlq")).isZero();
		assertThat(passed).isEmpty();
	}

	@Test
	void aRecordTheDatabaseFailsIsTriedAgainPastTheAttemptsAndNeverDeadLettered() {
		new BatchDeadLetters(new MockProducerFactory<>(() -> this.producer), this.meters,
				new FixedBackOff(0, Long.MAX_VALUE))
			.configure(this.container, "articles", "a-group",
					(record, exception) -> new TopicPartition("articles.a-group.dlq", -1), new FixedBackOff(0, 2),
					binding("articles.a-group.dlq"));
		ConsumerRecords<byte[], byte[]> batch = new ConsumerRecords<>(
				Map.of(ARTICLES, List.of(record(10, "first"), record(11, "second"), record(12, "third"))), Map.of());
		this.consumer.assign(List.of(ARTICLES));
		Exception databaseAway = new ListenerExecutionFailedException("Listener failed",
				new BatchListenerFailedException("Record 1 of the batch failed",
						new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
								new SQLTransientConnectionException("Connection is not available")),
						1));

		// Ten times the binding's three attempts: the record waits for the database.
		for (int attempt = 0; attempt < 30; attempt++) {
			// Spring Kafka's RecordInRetryException, which is not public.
			assertThatRuntimeException().isThrownBy(() -> this.container.getCommonErrorHandler()
				.handleBatch(databaseAway, batch, this.consumer, this.container, () -> {
				})).withMessageContaining("in retry");
		}

		assertThat(this.producer.history()).isEmpty();
		assertThat(this.consumer.committed(Set.of(ARTICLES))).containsEntry(ARTICLES, new OffsetAndMetadata(11));
		assertThat(deadLetters("articles.a-group.dlq")).isZero();
	}

	@Test
	void withoutADeadLetterTopicTheContainerStillRetriesAndTheBinderLeavesBothToIt() {
		BatchDeadLetters deadLetters = new BatchDeadLetters(new MockProducerFactory<>(() -> this.producer),
				this.meters);
		deadLetters.configure(this.container, "articles", "a-group", null, null);

		assertThat(this.container.getCommonErrorHandler()).isNotNull();
		assertThat(deadLetters.retryAndDlqInBinding("articles", "a-group")).isFalse();
	}

	@Test
	void aServiceWithTheKafkaBinderGetsItUnlessItHasItsOwn() {
		ApplicationContextRunner contexts = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BatchDeadLettersAutoConfiguration.class))
			.withBean(KafkaProperties.class, KafkaProperties::new);
		contexts.run((context) -> assertThat(context).hasSingleBean(BatchDeadLetters.class));
		ListenerContainerWithDlqAndRetryCustomizer own = mock(ListenerContainerWithDlqAndRetryCustomizer.class);
		contexts.withBean(ListenerContainerWithDlqAndRetryCustomizer.class, () -> own)
			.run((context) -> assertThat(context).doesNotHaveBean(BatchDeadLetters.class));
		contexts.withClassLoader(new FilteredClassLoader(ListenerContainerWithDlqAndRetryCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(BatchDeadLetters.class));
	}

	/**
	 * The binding's properties as the binder passes them, with a dead-letter topic or
	 * none.
	 */
	private static ExtendedConsumerProperties<KafkaConsumerProperties> binding(String dlqName) {
		KafkaConsumerProperties kafka = new KafkaConsumerProperties();
		kafka.setEnableDlq(dlqName != null);
		kafka.setDlqName(dlqName);
		return new ExtendedConsumerProperties<>(kafka);
	}

	/**
	 * The listener's failure on the first record of a batch, as the container hands it
	 * over.
	 */
	private void failFirst(ConsumerRecords<byte[], byte[]> batch) {
		try {
			this.container.getCommonErrorHandler().handleBatch(failed(0), batch, this.consumer, this.container, () -> {
			});
		}
		catch (RuntimeException retryOrPassed) {
			// The handler seeks back and says so, as the container expects.
		}
	}

	private static Exception failed(int index) {
		return new ListenerExecutionFailedException("Listener failed", new BatchListenerFailedException(
				"Record " + index + " of the batch failed", new IllegalArgumentException("not an article"), index));
	}

	/**
	 * The dead letters counted for a topic; fails when its count was never registered.
	 */
	private double deadLetters(String topic) {
		return this.meters.get("deadletter.records").tag("topic", topic).counter().count();
	}

	private static ConsumerRecord<byte[], byte[]> record(long offset, String value) {
		ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(ARTICLES.topic(), ARTICLES.partition(), offset,
				("key-" + offset).getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
		record.headers().add("ce_id", ("event-" + offset).getBytes(StandardCharsets.UTF_8));
		return record;
	}

	private static String text(ProducerRecord<byte[], byte[]> record, String header) {
		return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
	}

}
