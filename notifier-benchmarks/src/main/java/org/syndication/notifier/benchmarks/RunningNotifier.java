package org.syndication.notifier.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.syndication.events.ArticleEvent;
import org.syndication.notifier.NotifierApplication;
import org.syndication.notifier.mail.MailComposer;
import org.syndication.notifier.mail.MailSettings;
import org.syndication.notifier.links.SubscriptionLinks;
import org.syndication.testsupport.InProcessService;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.binding.BindingsLifecycleController.State;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * notifier-service, started in this process as it runs in production, with its own
 * defaults, on an H2 database of its own. Without Kafka, the benchmark hands each event's
 * JSON straight to the topic binding's function, {@code articles}, as Spring Cloud Stream
 * would hand it a record's value; on Kafka ({@link #startOnKafka}) the binding reads the
 * topic itself.
 */
final class RunningNotifier implements AutoCloseable {

	private static final int INSERT_BATCH = 1000;

	private static final String ARTICLES_BINDING = "articles-in-0";

	private final InProcessService service;

	private final JdbcTemplate jdbc;

	private final Consumer<Message<?>> articles;

	private final JsonMapper json;

	@SuppressWarnings("unchecked")
	private RunningNotifier(InProcessService service) {
		this.service = service;
		this.jdbc = service.bean(JdbcTemplate.class);
		this.articles = service.bean("articles", Consumer.class);
		this.json = service.bean(JsonMapper.class);
	}

	/**
	 * Starts the notifier.
	 * @param databaseUrl its JDBC URL
	 * @param sink the SMTP server to send to
	 * @param overrides further properties, {@code name=value}; none for the defaults
	 * @return the running notifier
	 */
	static RunningNotifier start(String databaseUrl, MailSink sink, List<String> overrides) {
		Map<String, String> properties = new LinkedHashMap<>();
		// No consumer binding, so no Kafka client is made; a broker address where none
		// listens makes sure that nothing reaches a local stack's broker on 9092 either.
		properties.put("spring.cloud.function.definition", "");
		properties.put("spring.cloud.stream.function.autodetect", "false");
		properties.put("spring.kafka.bootstrap-servers", "127.0.0.1:1");
		return start(databaseUrl, sink, properties, overrides);
	}

	/**
	 * Starts the notifier with its binding to the {@code articles} topic, as in
	 * production, but stopped: {@link #startConsuming()} starts it, so that a benchmark
	 * can leave the notifier's start-up out of what it measures.
	 * @param databaseUrl its JDBC URL
	 * @param sink the SMTP server to send to
	 * @param bootstrapServers the broker
	 * @param jaasConfig the SASL login of its Kafka user, notifier-service
	 * @param overrides further properties, {@code name=value}; none for the defaults
	 * @return the running notifier
	 */
	static RunningNotifier startOnKafka(String databaseUrl, MailSink sink, String bootstrapServers, String jaasConfig,
			List<String> overrides) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
		properties.put("spring.kafka.properties.sasl.jaas.config", jaasConfig);
		properties.put("spring.cloud.stream.bindings.articles-in-0.consumer.auto-startup", "false");
		return start(databaseUrl, sink, properties, overrides);
	}

	private static RunningNotifier start(String databaseUrl, MailSink sink, Map<String, String> kafka,
			List<String> overrides) {
		Map<String, String> properties = new LinkedHashMap<>(kafka);
		properties.put("spring.datasource.url", databaseUrl);
		properties.put("spring.mail.host", sink.host());
		properties.put("spring.mail.port", String.valueOf(sink.port()));
		properties.put("notifier.token-secret", "notifier-benchmark-" + UUID.randomUUID());
		return new RunningNotifier(InProcessService.start(NotifierApplication.class, properties, overrides));
	}

	/**
	 * Adds confirmed subscribers to all categories, {@code <prefix>-00001@fanout.example}
	 * and on.
	 */
	void addSubscribers(String prefix, int count) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		List<Object[]> rows = new ArrayList<>(INSERT_BATCH);
		for (int i = 1; i <= count; i++) {
			UUID id = UUID.randomUUID();
			String email = "%s-%05d@fanout.example".formatted(prefix, i);
			rows.add(new Object[] { id, email, email, now, now, now });
			if (rows.size() == INSERT_BATCH || i == count) {
				this.jdbc.batchUpdate("""
						INSERT INTO subscriber (id, email, email_key, status, all_categories, generation, hard_bounces,
						requested_at, confirmed_at, changed_at) VALUES (?, ?, ?, 'CONFIRMED', TRUE, 1, 0, ?, ?, ?)""",
						rows);
				rows.clear();
			}
		}
	}

	/**
	 * Takes the subscribers whose addresses start with the prefix out of further alerts.
	 */
	void retireSubscribers(String prefix) {
		this.jdbc.update("UPDATE subscriber SET status = 'UNSUBSCRIBED' WHERE email LIKE ?", prefix + "-%");
	}

	/** Hands the event to the topic binding, as a poll of one record. */
	void apply(ArticleEvent event) {
		apply(event, null);
	}

	/**
	 * Hands the event to the topic binding, as a poll of one record that carries the
	 * {@code traceparent}, if one is given, as the binder hands over a record's headers.
	 */
	void apply(ArticleEvent event, String traceParent) {
		MessageBuilder<List<byte[]>> poll = MessageBuilder.withPayload(List.of(this.json.writeValueAsBytes(event)));
		if (traceParent != null) {
			poll.setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS,
					List.of(Map.of("traceparent", traceParent.getBytes(StandardCharsets.UTF_8))));
		}
		this.articles.accept(poll.build());
	}

	/**
	 * Starts the binding to the {@code articles} topic of a notifier started on Kafka.
	 */
	void startConsuming() {
		this.service.bean(BindingsLifecycleController.class).changeState(ARTICLES_BINDING, State.STARTED);
	}

	/** How many of the article's alerts are in each status. */
	Map<String, Long> deliveries(UUID articleId) {
		Map<String, Long> byStatus = new LinkedHashMap<>();
		this.jdbc.query("SELECT status, COUNT(*) FROM mail_delivery WHERE article_id = ? GROUP BY status ORDER BY 1",
				(rs) -> {
					byStatus.put(rs.getString(1), rs.getLong(2));
				}, articleId);
		return byStatus;
	}

	long sent(UUID articleId) {
		Long sent = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM mail_delivery WHERE article_id = ? AND status = 'SENT'", Long.class, articleId);
		return (sent != null) ? sent : 0;
	}

	/**
	 * Stops the dispatcher's schedule, so that a benchmark can queue mail without it
	 * being sent yet.
	 * @return what starts the schedule again, at its interval
	 */
	Runnable pauseDispatch() {
		ScheduledTask task = this.service.beans(ScheduledTaskHolder.class)
			.values()
			.stream()
			.flatMap((holder) -> holder.getScheduledTasks().stream())
			.filter((scheduled) -> scheduled.getTask().getRunnable().toString().contains("DispatchJobs"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("The notifier has no dispatch schedule"));
		task.cancel(false);
		Duration interval = ((FixedDelayTask) task.getTask()).getIntervalDuration();
		Runnable dispatch = task.getTask().getRunnable();
		TaskScheduler scheduler = this.service.bean("taskScheduler", TaskScheduler.class);
		return () -> scheduler.scheduleWithFixedDelay(dispatch, interval);
	}

	/** The notifier's database, for a benchmark's own set-up and checks. */
	JdbcTemplate jdbc() {
		return this.jdbc;
	}

	/** One of the notifier's public beans, such as {@code DigestRuns}. */
	<T> T bean(Class<T> type) {
		return this.service.bean(type);
	}

	MailComposer composer() {
		return this.service.bean(MailComposer.class);
	}

	SubscriptionLinks links() {
		return this.service.bean(SubscriptionLinks.class);
	}

	MailSettings mailSettings() {
		return this.service.bean(MailSettings.class);
	}

	String property(String name) {
		return this.service.property(name);
	}

	@Override
	public void close() {
		this.service.close();
	}

}
