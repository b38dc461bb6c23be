package org.syndication.publisher.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.TopicConfig;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.localstack.KafkaBrokerProcess;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.testsupport.H2FileDatabase;

import org.springframework.util.FileSystemUtils;

/**
 * A backlog of outbox events drained by the publisher's relay into a real Kafka broker (a
 * child process, as in the local stack), next to a plain producer with the relay's
 * settings sending the same records.
 * <p>
 * The publisher runs in this process on an H2 file database. Its relay is held off (its
 * scheduler lock taken, as another instance would hold it) while the backlog is appended
 * through the service's own outbox; the clock starts when the lock is let go and stops
 * when no outbox row is left unsent. The plain producer sends the same records, read from
 * the outbox beforehand, to a topic of its own with the same partitions and settings,
 * once before and once after the relay.
 */
final class DrainBenchmark {

	static final String PLAIN_TOPIC = "articles-plain";

	private final Options options;

	DrainBenchmark(Options options) {
		this.options = options;
	}

	Report run() throws Exception {
		Path directory = Files.createTempDirectory("publisher-benchmark");
		try (KafkaBrokerProcess broker = KafkaBrokerProcess.onFreePorts(directory.resolve("kafka"))) {
			log("starting a Kafka broker");
			broker.start();
			Map<String, Object> adminConfig = broker.clientConfig(KafkaCredentials.ADMIN);
			log("starting publisher-service");
			try (RunningPublisher publisher = RunningPublisher.start(
					H2FileDatabase.url(directory.resolve("db/publisher")) + this.options.h2Options(),
					broker.bootstrapServers(), broker.credentials().user(KafkaCredentials.PUBLISHER).jaasConfig(),
					this.options.overrides())) {
				ArticlesTopic articles = new ArticlesTopic(adminConfig, ArticleEventHeaders.TOPIC);
				int partitions = createPlainTopic(adminConfig, publisher);
				Backlog backlog = new Backlog(this.options.articles(), this.options.eventsPerArticle());
				publisher.holdRelay();
				log("queueing %,d events of %,d articles in the outbox".formatted(backlog.events(),
						this.options.articles()));
				long queueStart = System.nanoTime();
				backlog.appendTo(publisher.outbox(), publisher.transactions(), publisher.json());
				double queueSeconds = seconds(queueStart);

				PlainProducer plain = PlainProducer.of(publisher.jdbc(), publisher.json(), PLAIN_TOPIC);
				Map<String, Object> plainConfig = publisher.producerConfig();
				plainConfig.put(SaslConfigs.SASL_JAAS_CONFIG,
						broker.credentials().user(KafkaCredentials.ADMIN).jaasConfig());
				log("plain producer, first run");
				double plainBefore = plain.send(plainConfig);

				log("relay draining the outbox");
				long drainStart = System.nanoTime();
				publisher.releaseRelay();
				long deadline = drainStart + Duration.ofMinutes(30).toNanos();
				while (publisher.hasUnsent()) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("The relay did not drain the outbox in 30 minutes");
					}
					Thread.sleep(20);
				}
				double relaySeconds = seconds(drainStart);

				log("plain producer, second run");
				double plainAfter = plain.send(plainConfig);
				log("reading the articles topic back");
				String checked = articles.verify(backlog.events(), backlog.eventsPerArticle(), publisher.json());
				return new Report(backlog.events(), this.options.articles(), partitions, queueSeconds, relaySeconds,
						plainBefore, plainAfter, this.options.h2Options(), this.options.overrides(),
						producerSettings(plainConfig), checked);
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
	}

	/** A topic for the plain producer, like the articles topic the publisher created. */
	private static int createPlainTopic(Map<String, Object> adminConfig, RunningPublisher publisher) throws Exception {
		try (Admin admin = Admin.create(adminConfig)) {
			int partitions = admin.describeTopics(List.of(ArticleEventHeaders.TOPIC))
				.allTopicNames()
				.get()
				.get(ArticleEventHeaders.TOPIC)
				.partitions()
				.size();
			String lag = publisher.property("publisher.topic.min-compaction-lag");
			lag = (lag != null) ? lag : "604800000";
			admin
				.createTopics(List.of(new NewTopic(PLAIN_TOPIC, partitions, (short) 1).configs(Map.of(
						TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
						TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, lag, TopicConfig.DELETE_RETENTION_MS_CONFIG, lag))))
				.all()
				.get();
			return partitions;
		}
	}

	private static String producerSettings(Map<String, Object> config) {
		StringBuilder settings = new StringBuilder();
		for (String name : List.of("acks", "enable.idempotence", "max.in.flight.requests.per.connection", "linger.ms",
				"batch.size", "compression.type")) {
			Object value = config.get(name);
			settings.append((settings.length() > 0) ? ", " : "")
				.append(name)
				.append('=')
				.append((value != null) ? value : "(Kafka's default)");
		}
		return settings.toString();
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

	private static void log(String message) {
		System.err.println(message);
	}

	record Options(int articles, int eventsPerArticle, String h2Options, List<String> overrides) {

	}

	record Report(int events, int articles, int partitions, double queueSeconds, double relaySeconds,
			double plainBeforeSeconds, double plainAfterSeconds, String h2Options, List<String> overrides,
			String producerSettings, String checked) {

		double relayRate() {
			return this.events / this.relaySeconds;
		}

		/** The faster of the two plain runs. */
		double plainRate() {
			return this.events / Math.min(this.plainBeforeSeconds, this.plainAfterSeconds);
		}

		double ratio() {
			return relayRate() / plainRate();
		}

	}

}
