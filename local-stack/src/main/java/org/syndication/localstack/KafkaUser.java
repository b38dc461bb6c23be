package org.syndication.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user of the Kafka cluster with its SCRAM-SHA-512 password: what a client needs to
 * authenticate.
 *
 * @param name the user name; the principal is {@code User:<name>}
 * @param password its password
 */
public record KafkaUser(String name, String password) {

	/** The mechanism of every client listener. */
	public static final String MECHANISM = "SCRAM-SHA-512";

	/** The security protocol of the listeners that clients on this machine use. */
	public static final String PROTOCOL = "SASL_PLAINTEXT";

	public KafkaUser {
		requireQuotable(name, "name");
		requireQuotable(password, "password");
	}

	/**
	 * @return the principal that ACLs name
	 */
	public String principal() {
		return "User:" + this.name;
	}

	/**
	 * @return the value of {@code sasl.jaas.config}
	 */
	public String jaasConfig() {
		return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + this.name
				+ "\" password=\"" + this.password + "\";";
	}

	/**
	 * The client settings of this user, for {@code Admin.create}, a producer or a
	 * consumer.
	 * @param bootstrapServers the value of {@code bootstrap.servers}
	 * @return {@code bootstrap.servers}, {@code security.protocol},
	 * {@code sasl.mechanism} and {@code sasl.jaas.config}
	 */
	public Map<String, Object> clientConfig(String bootstrapServers) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("bootstrap.servers", bootstrapServers);
		config.put("security.protocol", PROTOCOL);
		config.put("sasl.mechanism", MECHANISM);
		config.put("sasl.jaas.config", jaasConfig());
		return config;
	}

	/**
	 * The same settings as a Java client properties file, as a partner or an operator
	 * uses it with Kafka's command-line tools.
	 * @param bootstrapServers the value of {@code bootstrap.servers}
	 * @return the file's text
	 */
	public String clientPropertiesFile(String bootstrapServers) {
		StringBuilder text = new StringBuilder();
		clientConfig(bootstrapServers).forEach((key, value) -> text.append(key)
			.append('=')
			.append(String.valueOf(value).replace("\\", "\\\\"))
			.append(System.lineSeparator()));
		return text.toString();
	}

	/**
	 * The environment variables that give a service this user's credential through its
	 * standard Spring Boot properties ({@code spring.kafka.*}).
	 * @return the variables
	 */
	public Map<String, String> springEnvironment() {
		return Map.of("SPRING_KAFKA_SECURITY_PROTOCOL", PROTOCOL, "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", MECHANISM,
				"SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", jaasConfig());
	}

	@Override
	public String toString() {
		// Never the password, wherever a user ends up in a message.
		return "KafkaUser[" + this.name + "]";
	}

	private static void requireQuotable(String value, String what) {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException("A Kafka user needs a " + what);
		}
		// The value goes between double quotes in a JAAS line, and a name into SCRAM's
		// "n=" attribute.
		if (value.chars().anyMatch((c) -> c == '"' || c == '\\' || c == ';' || Character.isISOControl(c))) {
			throw new IllegalArgumentException("A Kafka user's " + what
					+ " must not contain quotes, backslashes, semicolons or control characters");
		}
	}

}
