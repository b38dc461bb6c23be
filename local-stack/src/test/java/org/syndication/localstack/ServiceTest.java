package org.syndication.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class ServiceTest {

	private static final KafkaCredentials CREDENTIALS = KafkaCredentials.generate();

	@Test
	void everyServiceGetsItsPortTheBrokerAndItsOwnDatabase() {
		Path dataDir = Path.of("/srv/syndication/data");

		for (Service service : Service.all("token")) {
			Map<String, String> environment = service.fullEnvironment(dataDir, CREDENTIALS);
			assertThat(environment).containsEntry("SERVER_PORT", String.valueOf(service.port()))
				.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
				.containsEntry("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", "127.0.0.1:9092");
			if (service.name().equals("packages-service")) {
				assertThat(environment)
					.containsEntry("PACKAGES_STATE_DIR", "/srv/syndication/data/packages-service/state")
					.doesNotContainKey("SPRING_DATASOURCE_URL");
			}
			else {
				assertThat(environment)
					.containsEntry("SPRING_DATASOURCE_URL",
							"jdbc:h2:file:/srv/syndication/data/" + service.name()
									+ "/db;AUTO_SERVER=FALSE;WRITE_DELAY=0")
					.doesNotContainKey("PACKAGES_STATE_DIR");
			}
		}
	}

	@Test
	void thePackagesServiceRunsOnItsPortWithTheApiTokenForItsMetrics() {
		Service packages = Service.all("s3cret").get(3);

		assertThat(packages.name()).isEqualTo("packages-service");
		assertThat(packages.port()).isEqualTo(8084);
		assertThat(packages.fullEnvironment(Path.of("data"), CREDENTIALS)).containsEntry("PACKAGES_MANAGEMENT_TOKEN",
				"s3cret");
	}

	@Test
	void everyServiceListensOnLoopbackOnlyUnlessToldOtherwise() {
		assumeThat(System.getenv("SERVER_ADDRESS")).as("SERVER_ADDRESS chooses another address").isNull();
		for (Service service : Service.all("token")) {
			assertThat(service.fullEnvironment(Path.of("data"), CREDENTIALS)).as(service.name())
				.containsEntry("SERVER_ADDRESS", "127.0.0.1");
		}
	}

	@Test
	void everyServiceAuthenticatesToKafkaAsItsOwnUser() {
		for (Service service : Service.all("token")) {
			KafkaUser own = CREDENTIALS.user(service.name());
			assertThat(service.fullEnvironment(Path.of("data"), CREDENTIALS))
				.containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
				.containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
				.containsEntry("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
						"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + service.name()
								+ "\" password=\"" + own.password() + "\";");
		}
	}

	@Test
	void publisherStartsFirstWithTheApiToken() {
		Service publisher = Service.all("s3cret").get(0);

		assertThat(publisher.name()).isEqualTo("publisher-service");
		assertThat(publisher.fullEnvironment(Path.of("data"), CREDENTIALS))
			.containsEntry("PUBLISHER_API_TOKEN", "s3cret")
			.containsEntry("PUBLISHER_PUBLIC_BASE_URL", "http://localhost:8081");
		assertThat(publisher.jar(Path.of("/p")))
			.isEqualTo(Path.of("/p/publisher-service/target/publisher-service.jar"));
	}

	@Test
	void theApiTokenAlsoOpensTheMetricsOfFeedAndNotifier() {
		List<Service> services = Service.all("s3cret");

		assertThat(services.get(1).fullEnvironment(Path.of("data"), CREDENTIALS)).containsEntry("FEED_MANAGEMENT_TOKEN",
				"s3cret");
		assertThat(services.get(2).fullEnvironment(Path.of("data"), CREDENTIALS))
			.containsEntry("NOTIFIER_MANAGEMENT_TOKEN", "s3cret");
	}

	@Test
	void notifierSendsMailThroughGreenMail() {
		Service notifier = Service.all("token").get(2);

		assertThat(notifier.fullEnvironment(Path.of("data"), CREDENTIALS))
			.containsEntry("SPRING_MAIL_HOST", "127.0.0.1")
			.containsEntry("SPRING_MAIL_PORT", "3025");
	}

	@Test
	void withoutTracingNoServiceIsToldOfZipkin() {
		for (Service service : Service.all("token")) {
			assertThat(service.fullEnvironment(Path.of("data"), CREDENTIALS).keySet()).as(service.name())
				.noneMatch((variable) -> variable.startsWith("MANAGEMENT_TRACING_"));
			assertThat(service.fullEnvironment(Path.of("data"), CREDENTIALS, Optional.empty()))
				.isEqualTo(service.fullEnvironment(Path.of("data"), CREDENTIALS));
		}
	}

	@Test
	void withTracingEveryServiceSendsATraceOfEveryRequestAndEventToZipkin() {
		for (Service service : Service.all("token")) {
			assertThat(service.fullEnvironment(Path.of("data"), CREDENTIALS,
					Optional.of("http://127.0.0.1:9411/api/v2/spans")))
				.as(service.name())
				.containsEntry("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT", "http://127.0.0.1:9411/api/v2/spans")
				.containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0")
				.containsEntry("SERVER_PORT", String.valueOf(service.port()));
		}
	}

}
