package org.syndication.notifier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.syndication.testsupport.InProcessService;

/**
 * A notifier started in the test's JVM as in production, but without Kafka (its consumer
 * is not bound), sending to an SMTP server on this host.
 */
public final class InProcessNotifier {

	private InProcessNotifier() {
	}

	/**
	 * @param settings its database and whatever else the test sets
	 * @param smtpPort where it sends mail, on 127.0.0.1
	 * @return the running notifier
	 */
	public static InProcessService start(Map<String, String> settings, int smtpPort) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.mail.host", "127.0.0.1");
		properties.put("spring.mail.port", String.valueOf(smtpPort));
		properties.put("notifier.token-secret", "test-secret-test-secret-test-secret-42");
		properties.put("spring.cloud.function.definition", "");
		properties.put("spring.cloud.stream.function.autodetect", "false");
		properties.put("spring.kafka.bootstrap-servers", "127.0.0.1:1");
		properties.putAll(settings);
		return InProcessService.start(NotifierApplication.class, properties, List.of());
	}

}
