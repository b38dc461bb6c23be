package org.syndication.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A broker for the tests of partners, packages and who may do what: started on free
 * ports, with a client of its administrator, the administrator's {@code admin.properties}
 * as the local stack writes it for the commands' {@code --command-config}, and, once
 * {@link #withArticles() asked for}, the {@code articles} topic, created by the publisher
 * as it creates it.
 */
final class TestCluster implements AutoCloseable {

	private final Path directory;

	private final KafkaBrokerProcess broker;

	private final Admin admin;

	private TestCluster(Path directory, KafkaBrokerProcess broker) {
		this.directory = directory;
		this.broker = broker;
		this.admin = Admin.create(broker.clientConfig(KafkaCredentials.ADMIN));
	}

	/**
	 * @param name the start of its temporary directory's name
	 * @return the cluster, running
	 */
	static TestCluster start(String name) throws IOException {
		return start(name, KafkaBrokerProcess.SESSION_LIFETIME);
	}

	/**
	 * @param name the start of its temporary directory's name
	 * @param sessionLifetime how long a session lasts before it must authenticate again
	 * @return the cluster, running
	 */
	static TestCluster start(String name, Duration sessionLifetime) throws IOException {
		Path directory = Files.createTempDirectory(name);
		KafkaBrokerProcess broker = KafkaBrokerProcess.onFreePorts(directory, sessionLifetime);
		try {
			broker.start();
			Files.writeString(directory.resolve("admin.properties"),
					broker.credentials().admin().clientPropertiesFile(broker.bootstrapServers()),
					StandardCharsets.UTF_8);
		}
		catch (IOException | RuntimeException ex) {
			broker.close();
			throw ex;
		}
		return new TestCluster(directory, broker);
	}

	/**
	 * Creates {@code articles} with three partitions and the broker's defaults.
	 * @return this cluster
	 */
	TestCluster withArticles() throws Exception {
		return withArticles(new NewTopic(KafkaAccess.TOPIC, 3, (short) 1));
	}

	/**
	 * Creates {@code articles} compacted, as the publisher does.
	 * @param partitions how many partitions
	 * @param history how long it keeps an article's changes and tombstones
	 * ({@code min.compaction.lag.ms} and {@code delete.retention.ms})
	 * @return this cluster
	 */
	TestCluster withArticles(int partitions, Duration history) throws Exception {
		String millis = Long.toString(history.toMillis());
		return withArticles(new NewTopic(KafkaAccess.TOPIC, partitions, (short) 1)
			.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
					TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, millis, TopicConfig.DELETE_RETENTION_MS_CONFIG, millis)));
	}

	private TestCluster withArticles(NewTopic articles) throws Exception {
		try (Admin publisher = Admin.create(this.broker.clientConfig(KafkaCredentials.PUBLISHER))) {
			publisher.createTopics(List.of(articles)).all().get(30, TimeUnit.SECONDS);
		}
		return this;
	}

	/**
	 * @return where the broker's files and {@code admin.properties} are
	 */
	Path directory() {
		return this.directory;
	}

	KafkaBrokerProcess broker() {
		return this.broker;
	}

	/**
	 * @return a client of the administrator, open until {@link #close()}
	 */
	Admin admin() {
		return this.admin;
	}

	/**
	 * @return the administrator's client properties, for {@code --command-config}
	 */
	Path adminConfig() {
		return this.directory.resolve("admin.properties");
	}

	@Override
	public void close() {
		try {
			this.admin.close();
		}
		finally {
			this.broker.close();
		}
	}

}
