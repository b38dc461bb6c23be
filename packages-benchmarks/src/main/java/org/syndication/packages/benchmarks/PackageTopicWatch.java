package org.syndication.packages.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.events.ArticleEventType;

/**
 * A package's topic, read from its end on a thread of its own: when each article's
 * published event arrived.
 */
final class PackageTopicWatch implements AutoCloseable {

	private final AtomicBoolean stopping = new AtomicBoolean();

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	private final CountDownLatch positioned = new CountDownLatch(1);

	private final Thread thread;

	PackageTopicWatch(Map<String, Object> kafka, String topic, Map<String, CompletableFuture<Long>> arrived) {
		Map<String, Object> config = new HashMap<>(kafka);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		this.thread = new Thread(() -> {
			try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
					new ByteArrayDeserializer())) {
				List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
				if (infos == null || infos.isEmpty()) {
					throw new IllegalStateException("No topic " + topic + ": define the package first, e.g. "
							+ "java -jar local-stack/target/local-stack.jar packages add benchmark --categories benchmark");
				}
				List<TopicPartition> partitions = infos.stream()
					.map((info) -> new TopicPartition(topic, info.partition()))
					.toList();
				consumer.assign(partitions);
				consumer.seekToEnd(partitions);
				partitions.forEach(consumer::position);
				this.positioned.countDown();
				while (!this.stopping.get()) {
					for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
						long now = System.nanoTime();
						Header type = record.headers().lastHeader(ArticleEventHeaders.TYPE);
						if (record.key() != null && type != null && ArticleEventType.PUBLISHED.value()
							.equals(new String(type.value(), StandardCharsets.UTF_8))) {
							arrived.computeIfAbsent(record.key(), (key) -> new CompletableFuture<>()).complete(now);
						}
					}
				}
			}
			catch (RuntimeException ex) {
				this.failure.set(ex);
				this.positioned.countDown();
			}
		}, "packages-latency-watch");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	void awaitPositioned() throws InterruptedException {
		if (!this.positioned.await(1, TimeUnit.MINUTES)) {
			throw new IllegalStateException("Kafka did not answer within a minute");
		}
		failIfStopped();
	}

	void failIfStopped() {
		if (this.failure.get() != null) {
			throw new IllegalStateException(this.failure.get().getMessage(), this.failure.get());
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.stopping.set(true);
		this.thread.join(Duration.ofSeconds(10).toMillis());
	}

}
