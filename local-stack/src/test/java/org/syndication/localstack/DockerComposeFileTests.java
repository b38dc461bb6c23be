package org.syndication.localstack;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs where these tests run, so they check {@code docker-compose.yml}
 * against the services instead: every variable it sets reaches a setting the service
 * really has (bound the way Spring Boot binds environment variables), its ports are the
 * ones the services listen on, and start-up waits on healthchecks.
 */
class DockerComposeFileTests {

	private static final Path ROOT = Path.of("..");

	private static final String SENTINEL = "4321";

	@Test
	void everyServiceHasAHealthcheckAndWaitsOnlyForHealthyDependencies() throws IOException {
		Map<String, Map<String, Object>> services = services();
		assertThat(services).containsKeys("kafka", "postgres", "mailpit", "publisher-service", "feed-service",
				"notifier-service");
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
	void everyVariableReachesASettingTheServiceHas() throws IOException {
		for (Map.Entry<String, Map<String, Object>> service : applications().entrySet()) {
			Map<String, Object> environment = environment(service.getValue());
			List<String> settings = settingNames(service.getKey());
			for (String variable : environment.keySet()) {
				Map<String, Object> changed = new HashMap<>(environment);
				changed.put(variable, SENTINEL);
				Binder binder = binder(service.getKey(), changed);
				List<String> reached = settings.stream()
					// Map keys such as logger names with capitals are no property names:
					// binding one fails.
					.filter(ConfigurationPropertyName::isValid)
					.filter((setting) -> binder.bind(setting, String.class).map(SENTINEL::equals).orElse(false))
					.toList();
				assertThat(reached).as(service.getKey() + ": " + variable).isNotEmpty();
			}
		}
	}

	@Test
	void servicesListenOnThePortsComposePublishes() throws IOException {
		for (Map.Entry<String, Map<String, Object>> service : applications().entrySet()) {
			int port = binder(service.getKey(), environment(service.getValue())).bind("server.port", Integer.class)
				.get();
			List<String> published = ((List<?>) service.getValue().get("ports")).stream()
				.map((mapping) -> withDefaults(String.valueOf(mapping)))
				.toList();
			assertThat(published).as(service.getKey()).contains(port + ":" + port);
			assertThat(Service.all("token")).as("the local stack runs %s on the same port", service.getKey())
				.anyMatch((local) -> local.name().equals(service.getKey()) && local.port() == port);
		}
	}

	@Test
	void eachServiceHasItsOwnDatabaseAndUsesTheInternalKafkaListener() throws IOException {
		String init = Files.readString(ROOT.resolve("docker/postgres/init.sql"));
		String advertised = (String) environment(services().get("kafka")).get("KAFKA_ADVERTISED_LISTENERS");
		List<String> databases = new ArrayList<>();
		for (Map.Entry<String, Map<String, Object>> service : applications().entrySet()) {
			Binder binder = binder(service.getKey(), environment(service.getValue()));
			String url = binder.bind("spring.datasource.url", String.class).get();
			assertThat(url).as(service.getKey()).startsWith("jdbc:postgresql://postgres:5432/");
			String database = url.substring(url.lastIndexOf('/') + 1);
			assertThat(init).contains("CREATE DATABASE " + database + ";");
			databases.add(database);
			String kafka = binder.bind("spring.kafka.bootstrap-servers", String.class).get();
			assertThat(advertised).as(service.getKey()).contains("://" + kafka);
		}
		assertThat(databases).doesNotHaveDuplicates();
	}

	@Test
	void oneTokenOpensTheMetricsOfEveryService() throws IOException {
		Map<String, String> tokenSettings = Map.of("publisher-service", "publisher.api-token", "feed-service",
				"feed.management.token", "notifier-service", "notifier.management.token");
		Map<String, Map<String, Object>> applications = applications();
		assertThat(tokenSettings.keySet()).containsExactlyInAnyOrderElementsOf(applications.keySet());
		List<String> tokens = new ArrayList<>();
		tokenSettings.forEach((service, setting) -> tokens
			.add(binder(service, environment(applications.get(service))).bind(setting, String.class).orElse("")));
		assertThat(tokens).allSatisfy((token) -> assertThat(token).isNotBlank()).containsOnly(tokens.get(0));
	}

	/** The services built from this repository, by name. */
	private static Map<String, Map<String, Object>> applications() throws IOException {
		Map<String, Map<String, Object>> applications = new LinkedHashMap<>();
		services().forEach((name, service) -> {
			if (service.containsKey("build")) {
				applications.put(name, service);
			}
		});
		assertThat(applications).isNotEmpty();
		return applications;
	}

	/**
	 * The service's own configuration with the compose environment on top, as at run
	 * time.
	 */
	private static Binder binder(String service, Map<String, Object> environment) {
		StandardEnvironment spring = new StandardEnvironment();
		spring.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		spring.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		spring.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					environment));
		applicationYaml(service).forEach(spring.getPropertySources()::addLast);
		return new Binder(ConfigurationPropertySources.get(spring), new PropertySourcesPlaceholdersResolver(spring));
	}

	private static List<String> settingNames(String service) {
		List<String> names = new ArrayList<>();
		for (PropertySource<?> source : applicationYaml(service)) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				names.addAll(List.of(enumerable.getPropertyNames()));
			}
		}
		return names;
	}

	private static List<PropertySource<?>> applicationYaml(String service) {
		try {
			return new YamlPropertySourceLoader().load(service,
					new FileSystemResource(ROOT.resolve(service).resolve("src/main/resources/application.yml")));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Compose variables ({@code ${NAME:-default}}) resolved to their defaults. */
	private static Map<String, Object> environment(Map<String, Object> service) {
		Map<String, Object> environment = new HashMap<>();
		((Map<?, ?>) service.get("environment"))
			.forEach((name, value) -> environment.put((String) name, withDefaults(String.valueOf(value))));
		return environment;
	}

	private static String withDefaults(String value) {
		return value.replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services() throws IOException {
		try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
			Map<String, Object> compose = new Yaml().load(reader);
			return (Map<String, Map<String, Object>>) compose.get("services");
		}
	}

}
