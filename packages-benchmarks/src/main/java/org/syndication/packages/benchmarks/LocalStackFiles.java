package org.syndication.packages.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;

/**
 * What the latency benchmark reads of a running local stack from its data directory: the
 * publisher's API token and the administrator's Kafka client settings.
 */
final class LocalStackFiles {

	private LocalStackFiles() {
	}

	/**
	 * As the local stack finds it: the environment's, or the one kept in the data
	 * directory.
	 */
	static String apiToken(Path dataDir) throws IOException {
		String given = System.getenv("SYNDICATION_API_TOKEN");
		if (given != null && !given.isBlank()) {
			return given.strip();
		}
		Path file = dataDir.resolve("api-token");
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("No API token: no " + file
					+ " (start the local stack with ./run-local.sh) and no SYNDICATION_API_TOKEN");
		}
		return Files.readString(file, StandardCharsets.UTF_8).strip();
	}

	static Map<String, Object> kafkaConfig(Path dataDir, String bootstrapServer) throws IOException {
		Path file = dataDir.resolve("kafka").resolve("admin.properties");
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException(
					"No " + file + ": the local stack writes it when it starts (./run-local.sh)");
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		Map<String, Object> config = new HashMap<>();
		properties.stringPropertyNames().forEach((name) -> config.put(name, properties.getProperty(name)));
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
		return config;
	}

}
