package org.syndication.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the launcher prints once the local stack runs: where each part is, the credentials
 * to try it with, and the first commands to type.
 */
final class Banner {

	private Banner() {
	}

	/**
	 * @param running the services that run
	 * @param apiToken the publisher's API token
	 * @param partner the demo partner
	 * @param dataDir the data directory, as the user types it
	 * @param startup how long the start took
	 * @param tracing whether Zipkin runs
	 * @return the banner
	 */
	static String text(List<Service> running, String apiToken, KafkaUser partner, Path dataDir, Duration startup,
			boolean tracing) {
		String line = "=".repeat(78);
		StringBuilder text = new StringBuilder();
		text.append(line).append('\n');
		text.append(String.format(Locale.ROOT,
				" The syndication system runs locally (ready in %.1f s). Ctrl-C stops it.%n%n",
				startup.toMillis() / 1000.0));
		text.append(url(running, "publisher-service", " Publisher API", "http://localhost:8081/api/articles"));
		text.append(url(running, "publisher-service", " OpenAPI UI", "http://localhost:8081/swagger-ui.html"));
		text.append(url(running, "feed-service", " Feeds", "http://localhost:8082/"));
		text.append(url(running, "notifier-service", " Notifier", "http://localhost:8083/"));
		text.append(url(running, "packages-service", " Packages", "http://localhost:8084/actuator/health"));
		if (tracing) {
			text.append(
					String.format(" %-15s %s   (a trace of every request and event)%n", "Zipkin", ZipkinProcess.UI));
		}
		text.append(String.format(" %-15s %s   (SASL/SCRAM-SHA-512; users and passwords in %s)%n", "Kafka",
				Service.KAFKA, dataDir.resolve("kafka").resolve(LocalKafkaUsers.CREDENTIALS_FILE)));
		text.append(String.format(" %-15s %s%n", "SMTP", "127.0.0.1:" + Service.SMTP_PORT));
		text.append(String.format(" %-15s %s   (login and password: the mail address)%n", "IMAP",
				"127.0.0.1:" + Service.IMAP_PORT));
		text.append('\n');
		text.append(String.format(" %-15s %s%n", "API token", apiToken));
		text.append(
				String.format(" %-15s user %s, password %s%n", "Kafka partner", partner.name(), partner.password()));
		text.append('\n');
		text.append(" Publish an article:\n");
		text.append("   curl -i -X POST http://localhost:8081/api/articles \\\n");
		text.append("     -H 'Authorization: Bearer ").append(apiToken).append("' \\\n");
		text.append("     -H 'Content-Type: application/json' \\\n");
		text.append(
				"     -d '{\"title\":\"Hello\",\"contentHtml\":\"<p>My first article</p>\",\"publishedAt\":\"2026-11-20\"}'\n");
		text.append(" Read the articles topic as the demo partner (any Kafka client; this one is Kafka's own):\n");
		text.append(
				"   java -cp local-stack/target/local-stack.jar org.apache.kafka.tools.consumer.ConsoleConsumer \\\n");
		text.append("     --bootstrap-server 127.0.0.1:9092 --command-config ")
			.append(LocalKafkaUsers.partnerConfigFile(dataDir))
			.append(" \\\n");
		text.append("     --topic articles --group partner.demo --from-beginning\n");
		text.append(" Add a partner:  java -jar local-stack/target/local-stack.jar partners add NAME\n");
		text.append(String.format(" %-15s %s%n", "Logs", dataDir.resolve("logs")));
		text.append(line);
		return text.toString();
	}

	private static String url(List<Service> running, String service, String label, String url) {
		boolean runs = running.stream().anyMatch((candidate) -> candidate.name().equals(service));
		return String.format("%-16s %s%s%n", label, url, runs ? "" : "   (not running: no " + service + " jar)");
	}

}
