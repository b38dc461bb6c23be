package org.syndication.localstack;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The administrator's client configuration, as the administrative commands read it, and
 * the configurations made from it: its producers' and consumers', and a partner's.
 */
final class ClientConfigs {

	private ClientConfigs() {
	}

	/**
	 * @param file an administrator's client properties
	 * @param bootstrapServer the cluster, or null for the file's or the local stack's
	 * @return the administrator's client configuration
	 * @throws IllegalStateException if the file is missing or cannot be read
	 */
	static Map<String, Object> admin(Path file, String bootstrapServer) {
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("No administrator's client configuration at " + file
					+ ": start the local stack once (it writes it), or pass --command-config FILE");
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file + ": " + ex.getMessage());
		}
		Map<String, Object> config = new LinkedHashMap<>();
		properties.stringPropertyNames()
			.stream()
			.sorted()
			.forEach((key) -> config.put(key, properties.getProperty(key)));
		if (bootstrapServer != null) {
			config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
		}
		config.putIfAbsent(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Service.KAFKA);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
		return config;
	}

	/**
	 * The administrator's connection settings with the partner's credential instead.
	 * @param partner the partner's user
	 * @param adminConfig the administrator's client configuration
	 * @return the partner's client configuration
	 */
	static Map<String, Object> partner(KafkaUser partner, Map<String, Object> adminConfig) {
		Map<String, Object> config = new LinkedHashMap<>();
		adminConfig.forEach((key, value) -> {
			if (key.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) || key.equals("security.protocol")
					|| key.startsWith("ssl.truststore.")) {
				config.put(key, value);
			}
		});
		config.put("sasl.mechanism", KafkaUser.MECHANISM);
		config.put("sasl.jaas.config", partner.jaasConfig());
		return config;
	}

	/**
	 * @param adminConfig the administrator's client configuration
	 * @return a producer's, as the administrator, acknowledged by every in-sync replica
	 */
	static Map<String, Object> producer(Map<String, Object> adminConfig) {
		Map<String, Object> config = withoutAdminSettings(adminConfig);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		return config;
	}

	/**
	 * @param adminConfig the administrator's client configuration
	 * @return a consumer's, as the administrator, reading committed records and
	 * committing no offsets
	 */
	static Map<String, Object> readCommittedConsumer(Map<String, Object> adminConfig) {
		Map<String, Object> config = withoutAdminSettings(adminConfig);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return config;
	}

	private static Map<String, Object> withoutAdminSettings(Map<String, Object> adminConfig) {
		Map<String, Object> config = new LinkedHashMap<>(adminConfig);
		config.remove(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
		return config;
	}

}
