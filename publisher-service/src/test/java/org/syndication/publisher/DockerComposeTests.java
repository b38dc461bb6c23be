package org.syndication.publisher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs where these tests run, so they check the compose file against the
 * application instead: its environment binds to the publisher's real settings, its ports
 * are the ones the service listens on, and start-up order waits on healthchecks.
 */
class DockerComposeTests {

	private static final Path COMPOSE = Path.of("..", "docker-compose.yml");

	@Test
	void everyServiceHasAHealthcheckAndWaitsOnlyForHealthyDependencies() throws IOException {
		Map<String, Map<String, Object>> services = services();
		assertThat(services).containsKeys("kafka", "postgres", "mailpit", "publisher-service");
		services.forEach((name, service) -> {
			assertThat(service).as(name).containsKey("healthcheck");
			if (service.get("depends_on") instanceof Map<?, ?> dependencies) {
				dependencies.forEach((dependency, condition) -> {
					assertThat(services).as(name + " depends on " + dependency).containsKey((String) dependency);
					assertThat(condition).as(name + " depends on " + dependency)
						.isEqualTo(Map.of("condition", "service_healthy"));
				});
			}
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void publisherEnvironmentBindsToItsSettings() throws IOException {
		Map<String, Object> publisher = services().get("publisher-service");
		Map<String, Object> environment = environment(publisher);
		Binder binder = binder(environment);

		PublisherProperties properties = binder.bind("publisher", PublisherProperties.class).get();
		assertThat(properties.apiToken()).isEqualTo("local-dev-token");
		assertThat(properties.publicBaseUrl()).hasToString("http://localhost:8081");
		assertThat(binder.bind("spring.datasource.url", String.class).get())
			.isEqualTo("jdbc:postgresql://postgres:5432/publisher");
		assertThat(binder.bind("spring.kafka.bootstrap-servers", String.class).get()).isEqualTo("kafka:19092");

		int port = binder.bind("server.port", Integer.class).get();
		assertThat(port).isEqualTo(8081);
		assertThat((List<Object>) publisher.get("ports")).contains(port + ":" + port);
	}

	@Test
	void everyPublisherVariableReachesTheSettingItIsMeantFor() throws IOException {
		Map<String, String> settings = Map.of("SERVER_PORT", "server.port", "SPRING_DATASOURCE_URL",
				"spring.datasource.url", "SPRING_DATASOURCE_USERNAME", "spring.datasource.username",
				"SPRING_DATASOURCE_PASSWORD", "spring.datasource.password", "SPRING_KAFKA_BOOTSTRAP_SERVERS",
				"spring.kafka.bootstrap-servers", "PUBLISHER_API_TOKEN", "publisher.api-token",
				"PUBLISHER_PUBLIC_BASE_URL", "publisher.public-base-url");
		Map<String, Object> environment = environment(services().get("publisher-service"));
		assertThat(settings).containsOnlyKeys(environment.keySet());
		for (String variable : environment.keySet()) {
			Map<String, Object> changed = new HashMap<>(environment);
			changed.put(variable, "4321");
			assertThat(binder(changed).bind(settings.get(variable), String.class).get()).as(variable).isEqualTo("4321");
		}
	}

	@Test
	void publisherUsesItsOwnDatabaseOnTheComposeKafkaListener() throws IOException {
		Map<String, Map<String, Object>> services = services();
		String init = Files.readString(Path.of("..", "docker", "postgres", "init.sql"));
		assertThat(init).contains("CREATE DATABASE publisher;");
		Map<String, Object> kafka = environment(services.get("kafka"));
		assertThat((String) kafka.get("KAFKA_ADVERTISED_LISTENERS")).contains("INTERNAL://kafka:19092");
		assertThat(environment(services.get("publisher-service")).get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
			.isEqualTo("kafka:19092");
	}

	/**
	 * The application's own configuration with the compose environment on top, as at run
	 * time.
	 */
	private static Binder binder(Map<String, Object> environment) throws IOException {
		StandardEnvironment spring = new StandardEnvironment();
		spring.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		spring.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		spring.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					environment));
		new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
			.forEach(spring.getPropertySources()::addLast);
		return new Binder(ConfigurationPropertySources.get(spring), new PropertySourcesPlaceholdersResolver(spring));
	}

	/** Compose variables ({@code ${NAME:-default}}) resolved to their defaults. */
	private static Map<String, Object> environment(Map<String, Object> service) {
		Map<String, Object> environment = new HashMap<>();
		((Map<?, ?>) service.get("environment")).forEach((name, value) -> environment.put((String) name,
				String.valueOf(value).replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1")));
		return environment;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services() throws IOException {
		try (Reader reader = Files.newBufferedReader(COMPOSE)) {
			Map<String, Object> compose = new Yaml().load(reader);
			return (Map<String, Map<String, Object>>) compose.get("services");
		}
	}

}
