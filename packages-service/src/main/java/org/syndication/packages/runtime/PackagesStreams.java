package org.syndication.packages.runtime;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.packages.routing.PackagesStreamsConfig;
import org.syndication.packages.routing.PackagesTopology;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the packages topology ({@link PackagesTopology}) in this instance, from the
 * application's start to its stop.
 * <p>
 * It starts once the articles topic exists, looking for it every
 * {@link PackagesSettings#topicWait()} meanwhile (the publisher creates it), after
 * creating this service's own topics ({@link ServiceTopics}); until then, and whenever
 * the topology is not running, the service is not ready ({@link StreamsHealthIndicator}).
 * A stream thread that fails is replaced: its tasks start again from their last commit,
 * which exactly-once processing makes safe. A stop lets the running transactions commit,
 * up to {@link PackagesSettings#closeTimeout()}, and leaves the consumer group.
 */
final class PackagesStreams implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PackagesStreams.class);

	private static final Duration PROBLEM_LOG_INTERVAL = Duration.ofMinutes(1);

	private final Map<String, Object> adminProperties;

	private final Properties streamsProperties;

	private final PackagesSettings settings;

	private final MeterRegistry meterRegistry;

	private final Object lock = new Object();

	private Thread starter;

	private volatile KafkaStreams streams;

	private KafkaStreamsMetrics metrics;

	private volatile boolean running;

	private volatile String failure;

	/**
	 * @param adminProperties the settings of an admin client of the cluster, this
	 * service's credentials included
	 * @param clientProperties the settings every client of the cluster needs (brokers,
	 * security), to which the topology's own are added
	 */
	PackagesStreams(Map<String, Object> adminProperties, Map<String, Object> clientProperties,
			PackagesSettings settings, MeterRegistry meterRegistry) {
		this.adminProperties = Map.copyOf(adminProperties);
		this.streamsProperties = streamsProperties(clientProperties, settings);
		this.settings = settings;
		this.meterRegistry = meterRegistry;
	}

	static Properties streamsProperties(Map<String, Object> clientProperties, PackagesSettings settings) {
		Properties properties = new Properties();
		Object brokers = clientProperties.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
		properties.putAll(clientProperties);
		properties.putAll(PackagesStreamsConfig.properties((brokers instanceof Collection<?> list)
				? list.stream().map(String::valueOf).collect(Collectors.joining(",")) : String.valueOf(brokers)));
		properties.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
		properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
		return properties;
	}

	@Override
	public void start() {
		synchronized (this.lock) {
			if (this.running) {
				return;
			}
			this.running = true;
			this.starter = new Thread(this::awaitTopicsAndStart, "packages-streams-starter");
			this.starter.setDaemon(true);
			this.starter.start();
		}
	}

	private void awaitTopicsAndStart() {
		long lastProblemLogged = 0;
		boolean waitLogged = false;
		try (Admin admin = Admin.create(this.adminProperties)) {
			ServiceTopics topics = new ServiceTopics(admin);
			while (!Thread.currentThread().isInterrupted()) {
				try {
					if (topics.prepare()) {
						break;
					}
					if (!waitLogged) {
						logger.info("Waiting for the topic {} (the publisher creates it); looking again every {}",
								ArticleEventHeaders.TOPIC, this.settings.topicWait());
						waitLogged = true;
					}
				}
				catch (RuntimeException ex) {
					if (System.nanoTime() - lastProblemLogged > PROBLEM_LOG_INTERVAL.toNanos()
							|| lastProblemLogged == 0) {
						logger.warn("Cannot prepare the topics yet, trying again every {}: {}",
								this.settings.topicWait(), ex.getMessage());
						lastProblemLogged = System.nanoTime();
					}
				}
				Thread.sleep(this.settings.topicWait().toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			// An admin client Kafka's settings refuse.
			logger.error("Cannot start the packages topology", ex);
			this.failure = ex.toString();
			return;
		}
		synchronized (this.lock) {
			if (!this.running || Thread.currentThread().isInterrupted()) {
				return;
			}
			KafkaStreams started;
			try {
				started = new KafkaStreams(PackagesTopology.topology(), this.streamsProperties);
			}
			catch (RuntimeException ex) {
				// A setting Kafka refuses: the health shows the service down, and the log
				// why.
				logger.error("Cannot start the packages topology", ex);
				this.failure = ex.toString();
				return;
			}
			started.setUncaughtExceptionHandler((failure) -> {
				logger.error("A stream thread failed; replacing it, its tasks resume from their last commit", failure);
				return StreamThreadExceptionResponse.REPLACE_THREAD;
			});
			started.setStateListener(
					(newState, oldState) -> logger.info("Packages topology: {} -> {}", oldState, newState));
			this.metrics = new KafkaStreamsMetrics(started);
			this.metrics.bindTo(this.meterRegistry);
			started.start();
			this.streams = started;
		}
	}

	/**
	 * @return the topology's state, or empty before it started
	 */
	Optional<KafkaStreams.State> state() {
		return Optional.ofNullable(this.streams).map(KafkaStreams::state);
	}

	/**
	 * @return why the topology could not be created, if it could not
	 */
	Optional<String> failure() {
		return Optional.ofNullable(this.failure);
	}

	@Override
	public void stop() {
		Thread waiting;
		KafkaStreams stopping;
		synchronized (this.lock) {
			if (!this.running) {
				return;
			}
			this.running = false;
			waiting = this.starter;
			stopping = this.streams;
		}
		waiting.interrupt();
		if (stopping != null) {
			// Leaving the group hands its partitions to the other instances at once, and
			// lets this one take them back when it restarts, instead of after the session
			// timeout (45 s by default).
			stopping.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
				.withTimeout(this.settings.closeTimeout()));
			this.metrics.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
