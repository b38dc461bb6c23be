package org.syndication.feed.benchmarks;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.syndication.feed.FeedApplication;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.testsupport.InProcessService;

import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.binding.BindingsLifecycleController.State;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * feed-service, started in this process with its own defaults, its own Kafka user and an
 * H2 file database of its own, as the local stack runs it; its topic binding waits until
 * {@link #startConsuming()}, so that the measurement leaves the start-up out.
 */
final class RunningFeed implements AutoCloseable {

	static final String BINDING = "articles-in-0";

	static final String GROUP = "feed-service";

	private final InProcessService service;

	private final JdbcTemplate jdbc;

	private RunningFeed(InProcessService service) {
		this.service = service;
		this.jdbc = service.bean(JdbcTemplate.class);
	}

	/**
	 * @param databaseUrl its JDBC URL
	 * @param kafka the broker
	 * @param rebuild {@code feed.rebuild}
	 * @param overrides further properties, {@code name=value}
	 */
	static RunningFeed start(String databaseUrl, BenchmarkKafka kafka, boolean rebuild, List<String> overrides) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", databaseUrl);
		properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
		properties.put("spring.kafka.properties.sasl.jaas.config", kafka.jaasConfig(KafkaCredentials.FEED));
		properties.put("spring.cloud.stream.bindings." + BINDING + ".consumer.auto-startup", "false");
		properties.put("feed.rebuild", String.valueOf(rebuild));
		properties.put("feed.management.token", "feed-benchmark-" + UUID.randomUUID());
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		properties.put("feed.websub.secret-keys", "benchmark:" + Base64.getEncoder().encodeToString(key));
		return new RunningFeed(InProcessService.start(FeedApplication.class, properties, overrides));
	}

	/** Starts the topic binding, as an operator would through the bindings endpoint. */
	void startConsuming() {
		this.service.bean(BindingsLifecycleController.class).changeState(BINDING, State.STARTED);
	}

	/** Rows in the catalog, retracted articles' markers included. */
	long articles() {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM feed_item", Long.class);
		return (count != null) ? count : 0;
	}

	long liveArticles() {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM feed_item WHERE retracted = FALSE", Long.class);
		return (count != null) ? count : 0;
	}

	/** WebSub subscriptions saved, that is, verified. */
	long subscriptions() {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM websub_subscription", Long.class);
		return (count != null) ? count : 0;
	}

	int port() {
		return Integer.parseInt(this.service.property("local.server.port"));
	}

	String property(String name) {
		return this.service.property(name);
	}

	@Override
	public void close() {
		this.service.close();
	}

}
