package org.syndication.packages.routing;

import java.util.Properties;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings the topology runs with.
 * <p>
 * Exactly once: a task's reads of the articles topic, its stores' changelogs and its
 * writes to the packages' topics commit in one transaction. Partners read the packages'
 * topics with {@code isolation.level=read_committed}, or see the records of aborted
 * transactions too, and a back-catalogue fill cut short by a failure.
 */
public final class PackagesStreamsConfig {

	/** The application id: the consumer group, and the prefix of the changelogs. */
	public static final String APPLICATION_ID = "packages-service";

	private PackagesStreamsConfig() {
	}

	/**
	 * The settings.
	 * @param bootstrapServers the brokers
	 * @return new settings, to which the caller adds its own (security, state directory)
	 */
	public static Properties properties(String bootstrapServers) {
		Properties properties = new Properties();
		properties.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
		properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		// As on the articles topic: gzip batches are what every partner's client reads.
		properties.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "gzip");
		return properties;
	}

}
