package org.syndication.publisher.outbox;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Why a call to Kafka failed, said so that an operator knows what to do: a credential
 * Kafka refuses and a right it does not grant are configuration to fix, not an outage to
 * wait out.
 *
 * @param kind what went wrong
 * @param message one line for the log
 */
record KafkaFailure(Kind kind, String message) {

	private static final Pattern USERNAME = Pattern.compile("username=\"([^\"]*)\"");

	/**
	 * @param failure what a Kafka client threw, wrapped or not
	 * @param clientConfig the client's settings, for the user name they give
	 * @return the failure
	 */
	static KafkaFailure of(Throwable failure, Map<String, Object> clientConfig) {
		String user = user(clientConfig);
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof AuthenticationException) {
				return new KafkaFailure(Kind.AUTHENTICATION, "Kafka refused the credentials of user '" + user + "': "
						+ cause.getMessage() + ". Set spring.kafka.properties.sasl.jaas.config "
						+ "(SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG) to this service's Kafka user and password.");
			}
			if (cause instanceof AuthorizationException) {
				return new KafkaFailure(Kind.AUTHORIZATION, "Kafka does not allow user '" + user + "' to do this: "
						+ cause.getMessage() + ". Its ACLs must allow it to create, describe and write 'articles'.");
			}
		}
		return new KafkaFailure(Kind.UNAVAILABLE, "Kafka did not answer: " + failure);
	}

	boolean isConfiguration() {
		return this.kind != Kind.UNAVAILABLE;
	}

	private static String user(Map<String, Object> clientConfig) {
		Object jaas = clientConfig.get(SaslConfigs.SASL_JAAS_CONFIG);
		if (jaas != null) {
			Matcher matcher = USERNAME.matcher(jaas.toString());
			if (matcher.find()) {
				return matcher.group(1);
			}
		}
		return "(none configured)";
	}

	enum Kind {

		/** Kafka refused the credentials. */
		AUTHENTICATION,

		/** Kafka authenticated the client but its ACLs do not allow the call. */
		AUTHORIZATION,

		/** Kafka did not answer, or failed otherwise. */
		UNAVAILABLE

	}

}
