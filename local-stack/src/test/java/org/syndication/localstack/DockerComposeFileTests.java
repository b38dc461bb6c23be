package org.syndication.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Bindable;
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
 * ones the services listen on, and start-up waits on healthchecks and one-shot set-up.
 * <p>
 * Its Kafka is checked the same way: the broker configuration
 * ({@code docker/kafka/server.properties}, rendered with the compose defaults as
 * {@code start.sh} renders it) has the local stack's security settings, no listener
 * without authentication, TLS on the only one published, and each service authenticates
 * on the listener it uses as its own user, whose password and ACLs ({@code kafka-setup})
 * are the ones the local stack grants.
 * <p>
 * Prometheus and Grafana, in the {@code ops} profile only, run what {@code ops/} holds:
 * Prometheus scrapes every service on its port with the services' token and loads the
 * alert rules that the ops module tests; Grafana shows the dashboard from that
 * Prometheus.
 */
class DockerComposeFileTests {

	private static final Path ROOT = Path.of("..");

	private static final Path KAFKA = ROOT.resolve("docker/kafka");

	private static final Path OPS = ROOT.resolve("ops");

	private static final List<String> OPS_SERVICES = List.of("prometheus", "grafana");

	private static final String SENTINEL = "4321";

	/** Settings that are maps in Spring Boot: a variable may reach any key of them. */
	private static final List<String> MAP_SETTINGS = List.of("spring.kafka.properties", "logging.level");

	/** A placeholder of the broker configuration template: a variable's name. */
	private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z0-9_]+)@");

	/** A compose variable with its default, {@code ${NAME:-default}}. */
	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+):-([^}]*)}");

	private static final Pattern SCRAM_JAAS = Pattern
		.compile("org\\.apache\\.kafka\\.common\\.security\\.scram\\.ScramLoginModule required "
				+ "username=\"([^\"]+)\" password=\"([^\"]+)\";");

	/** What {@code common.sh} accepts as a password. */
	private static final Pattern SCRIPT_PASSWORD = Pattern.compile("[A-Za-z0-9._~+-]{12,}");

	@Test
	void everyServiceHasAHealthcheckOrRunsOnceAndStartUpWaitsForEither() throws IOException {
		Map<String, Map<String, Object>> services = services();
		assertThat(services).containsKeys("kafka", "kafka-tls", "kafka-setup", "postgres", "mailpit",
				"publisher-service", "feed-service", "notifier-service", "prometheus", "grafana");
		services.forEach((name, service) -> {
			if (service.get("depends_on") instanceof Map<?, ?> dependencies) {
				dependencies.forEach((dependency, condition) -> {
					assertThat(services).as(name + " depends on " + dependency).containsKey((String) dependency);
					// A one-shot service is never healthy, and a long-running one never
					// completes: either condition on the other kind would wait forever.
					String expected = services.get(dependency).containsKey("healthcheck") ? "service_healthy"
							: "service_completed_successfully";
					assertThat(condition).as(name + " depends on " + dependency)
						.isEqualTo(Map.of("condition", expected));
				});
			}
		});
		Set<String> oneShot = new TreeSet<>();
		services.forEach((name, service) -> {
			if (!service.containsKey("healthcheck")) {
				oneShot.add(name);
				assertThat(service).as("%s runs once and serves nothing", name).doesNotContainKey("ports");
				assertThat(service.getOrDefault("restart", "no")).as("%s runs once", name).isEqualTo("no");
				assertThat(services.values()).as("something waits for %s to complete", name)
					.anyMatch((other) -> other.get("depends_on") instanceof Map<?, ?> dependencies
							&& dependencies.containsKey(name));
			}
		});
		assertThat(oneShot).containsExactly("kafka-setup", "kafka-tls");
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
				List<String> reached = new ArrayList<>(settings.stream()
					// Keys such as logger names with capitals are no property names of
					// their
					// own; MAP_SETTINGS finds them.
					.filter(ConfigurationPropertyName::isValid)
					.filter((setting) -> binder.bind(setting, String.class).map(SENTINEL::equals).orElse(false))
					.toList());
				for (String map : MAP_SETTINGS) {
					binder.bind(map, Bindable.mapOf(String.class, String.class))
						.orElse(Map.of())
						.forEach((key, value) -> {
							if (value.equals(SENTINEL)) {
								reached.add(map + "[" + key + "]");
							}
						});
				}
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
	void everyServiceImageIsBuiltFromTheOneDockerfileWithItsModuleAndPort() throws IOException {
		assertThat(ROOT.resolve("docker/service.Dockerfile")).isRegularFile();
		for (Map.Entry<String, Map<String, Object>> service : applications().entrySet()) {
			Map<?, ?> build = (Map<?, ?>) service.getValue().get("build");
			assertThat(build.get("dockerfile")).as(service.getKey()).isEqualTo("docker/service.Dockerfile");
			Map<?, ?> args = (Map<?, ?>) build.get("args");
			assertThat(args.get("SERVICE")).as(service.getKey()).isEqualTo(service.getKey());
			assertThat(ROOT.resolve(service.getKey()).resolve("pom.xml")).as("the module of %s", service.getKey())
				.isRegularFile();
			int port = binder(service.getKey(), environment(service.getValue())).bind("server.port", Integer.class)
				.get();
			assertThat(args.get("PORT")).as(service.getKey()).isEqualTo(String.valueOf(port));
		}
	}

	@Test
	void eachServiceHasItsOwnDatabaseAndUsesTheInternalKafkaListener() throws IOException {
		String init = Files.readString(ROOT.resolve("docker/postgres/init.sql"));
		String advertised = brokerConfiguration().getProperty("advertised.listeners");
		List<String> databases = new ArrayList<>();
		for (Map.Entry<String, Map<String, Object>> service : applications().entrySet()) {
			Binder binder = binder(service.getKey(), environment(service.getValue()));
			String kafka = binder.bind("spring.kafka.bootstrap-servers", String.class).get();
			assertThat(advertised).as(service.getKey()).contains("://" + kafka);
			if (service.getKey().equals(KafkaCredentials.PACKAGES)) {
				// No database: its state is in Kafka, with a copy in a volume of its own.
				assertThat(binder.bind("spring.datasource.url", String.class).isBound()).isFalse();
				String stateDir = binder.bind("packages.state-dir", String.class).get();
				assertThat(service.getValue().get("volumes")).isEqualTo(List.of("packages-state:" + stateDir));
				continue;
			}
			String url = binder.bind("spring.datasource.url", String.class).get();
			assertThat(url).as(service.getKey()).startsWith("jdbc:postgresql://postgres:5432/");
			String database = url.substring(url.lastIndexOf('/') + 1);
			assertThat(init).contains("CREATE DATABASE " + database + ";");
			databases.add(database);
		}
		assertThat(databases).doesNotHaveDuplicates();
	}

	@Test
	void oneTokenOpensTheMetricsOfEveryService() throws IOException {
		Map<String, String> tokenSettings = Map.of("publisher-service", "publisher.api-token", "feed-service",
				"feed.management.token", "notifier-service", "notifier.management.token", "packages-service",
				"packages.management.token");
		Map<String, Map<String, Object>> applications = applications();
		assertThat(tokenSettings.keySet()).containsExactlyInAnyOrderElementsOf(applications.keySet());
		List<String> tokens = new ArrayList<>();
		tokenSettings.forEach((service, setting) -> tokens
			.add(binder(service, environment(applications.get(service))).bind(setting, String.class).orElse("")));
		assertThat(tokens).allSatisfy((token) -> assertThat(token).isNotBlank()).containsOnly(tokens.get(0));
	}

	@Test
	void everyKafkaListenerAuthenticatesWithTheLocalStacksSecuritySettings(@TempDir Path directory) throws IOException {
		Properties broker = brokerConfiguration();
		Map<String, String> protocols = listenerProtocols(broker);
		assertThat(protocols.keySet()).as("listeners with a protocol")
			.containsExactlyInAnyOrderElementsOf(listenerAddresses(broker.getProperty("listeners")).keySet());
		// Neither PLAINTEXT nor SSL: both let anybody in without a password.
		assertThat(protocols).as("listener.security.protocol.map")
			.allSatisfy((listener, protocol) -> assertThat(protocol).isIn("SASL_PLAINTEXT", "SASL_SSL"));
		protocols.keySet().forEach((listener) -> {
			List<String> mechanisms = enabledMechanisms(broker, listener);
			assertThat(mechanisms).as(listener + " mechanisms").isNotEmpty();
			// The broker exits without a listener-scoped JAAS entry per mechanism.
			mechanisms.forEach(
					(mechanism) -> assertThat(broker.getProperty("listener.name." + listener.toLowerCase(Locale.ROOT)
							+ "." + mechanism.toLowerCase(Locale.ROOT) + ".sasl.jaas.config", ""))
						.as(listener + " JAAS entry for " + mechanism)
						.startsWith(mechanism.startsWith("SCRAM-")
								? "org.apache.kafka.common.security.scram.ScramLoginModule "
								: "org.apache.kafka.common.security.plain.PlainLoginModule "));
		});
		assertThat(enabledMechanisms(broker, broker.getProperty("inter.broker.listener.name")))
			.contains(broker.getProperty("sasl.mechanism.inter.broker.protocol"));
		assertThat(enabledMechanisms(broker, broker.getProperty("controller.listener.names")))
			.contains(broker.getProperty("sasl.mechanism.controller.protocol"));

		Map<String, String> local = new KafkaBrokerProcess(9092, 9093, directory).configuration();
		for (String setting : List.of("authorizer.class.name", "allow.everyone.if.no.acl.found", "super.users",
				"connections.max.reauth.ms", "sasl.mechanism.inter.broker.protocol",
				"sasl.mechanism.controller.protocol", "listener.name.controller.sasl.enabled.mechanisms",
				"auto.create.topics.enable")) {
			assertThat(broker.getProperty(setting)).as(setting).isNotNull().isEqualTo(local.get(setting));
		}
		String localClientMechanisms = local.get("listener.name."
				+ KafkaBrokerProcess.CLIENT_LISTENER.toLowerCase(Locale.ROOT) + ".sasl.enabled.mechanisms");
		protocols.keySet()
			.stream()
			.filter((listener) -> !listener.equals(broker.getProperty("controller.listener.names")))
			.forEach((listener) -> assertThat(String.join(",", enabledMechanisms(broker, listener)))
				.as(listener + " mechanisms")
				.isEqualTo(localClientMechanisms));
		assertThat(broker.getProperty("authorizer.class.name"))
			.isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
		assertThat(broker.getProperty("allow.everyone.if.no.acl.found")).isEqualTo("false");
		assertThat(broker.getProperty("super.users").split(";"))
			.containsExactlyInAnyOrder("User:" + KafkaCredentials.BROKER, "User:" + KafkaCredentials.ADMIN);
	}

	@Test
	void theOnlyPublishedKafkaListenerIsTheSaslSslOneWithTheCertificateOfKafkaTls() throws IOException {
		Map<String, Object> kafka = services().get("kafka");
		// Not the defaults, so that a port or host name written into the template would
		// show.
		Map<String, String> variables = Map.of("SYNDICATION_KAFKA_PORT", SENTINEL, "SYNDICATION_KAFKA_HOST",
				"kafka.example.org");
		Properties broker = brokerConfiguration(variables);
		List<String> ports = ((List<?>) kafka.get("ports")).stream().map(String::valueOf).toList();
		assertThat(ports).as("kafka's published ports").hasSize(1);
		String[] mapping = ports.get(0).split(":(?=[^:]*$)");
		String listener = listenerOnPort(broker, Integer.parseInt(mapping[1]));
		assertThat(listener).isEqualTo("EXTERNAL");
		assertThat(listenerProtocols(broker)).containsEntry(listener, "SASL_SSL");
		// Partners are told the host name and port they reach it on.
		assertThat(interpolated(mapping[0], variables)).isEqualTo(SENTINEL);
		assertThat(listenerAddresses(broker.getProperty("advertised.listeners")).get(listener))
			.isEqualTo("kafka.example.org:" + SENTINEL);

		String prefix = "listener.name." + listener.toLowerCase(Locale.ROOT) + ".ssl.";
		assertThat(broker.getProperty(prefix + "keystore.type")).isEqualTo("PKCS12");
		assertThat(broker.getProperty(prefix + "keystore.password")).isNotBlank();
		Path keystore = Path.of(broker.getProperty(prefix + "keystore.location"));
		Map<String, Object> tls = services().get("kafka-tls");
		List<?> tlsCommand = (List<?>) tls.get("command");
		String tlsDirectory = String.valueOf(tlsCommand.get(tlsCommand.size() - 1));
		assertThat(keystore.getParent()).hasToString(tlsDirectory);
		assertThat(Files.readString(KAFKA.resolve("tls.sh"))).contains("$dir/" + keystore.getFileName());
		// The broker reads the very directory kafka-tls writes, on the host where
		// partners find its ca.pem; kafka-tls issues for the host name the listener
		// advertises.
		assertThat(hostDirectory(kafka, tlsDirectory)).isNotNull()
			.isEqualTo(hostDirectory(tls, tlsDirectory))
			.startsWith("${SYNDICATION_KAFKA_TLS_DIR:-");
		assertThat(rawEnvironment(tls)).containsEntry("SYNDICATION_KAFKA_HOST",
				rawEnvironment(kafka).get("SYNDICATION_KAFKA_HOST"));
		assertThat(rawEnvironment(tls)).containsEntry("SYNDICATION_KAFKA_TLS_PASSWORD",
				rawEnvironment(kafka).get("SYNDICATION_KAFKA_TLS_PASSWORD"));
		assertThat(kafka.get("depends_on"))
			.isEqualTo(Map.of("kafka-tls", Map.of("condition", "service_completed_successfully")));
	}

	@Test
	void servicesUseTheInternalListenerWithItsProtocolAndAMechanismItEnables() throws IOException {
		Properties broker = brokerConfiguration();
		Map<String, String> advertised = listenerAddresses(broker.getProperty("advertised.listeners"));
		String internal = broker.getProperty("inter.broker.listener.name");
		assertThat(internal).isEqualTo("INTERNAL");
		assertThat(listenerProtocols(broker)).containsEntry(internal, "SASL_PLAINTEXT");
		for (Map.Entry<String, Map<String, Object>> service : applications().entrySet()) {
			Binder binder = binder(service.getKey(), environment(service.getValue()));
			String bootstrap = binder.bind("spring.kafka.bootstrap-servers", String.class).get();
			assertThat(advertised).as(service.getKey()).containsEntry(internal, bootstrap);
			assertThat(binder.bind("spring.kafka.security.protocol", String.class).orElse("PLAINTEXT"))
				.as(service.getKey() + " security protocol")
				.isEqualTo(listenerProtocols(broker).get(internal));
			Map<String, String> properties = kafkaProperties(binder);
			assertThat(enabledMechanisms(broker, internal)).as(service.getKey() + " SASL mechanism")
				.contains(properties.get("sasl.mechanism"));
		}
		// The administrator's healthcheck and kafka-setup use it too, not the
		// published one.
		int internalPort = Integer
			.parseInt(advertised.get(internal).substring(advertised.get(internal).indexOf(':') + 1));
		assertThat(String.valueOf(((Map<?, ?>) services().get("kafka").get("healthcheck")).get("test")))
			.contains("--bootstrap-server localhost:" + internalPort);
		assertThat(Files.readString(KAFKA.resolve("setup.sh")))
			.contains("bootstrap=" + advertised.get(internal) + "\n");
	}

	@Test
	void eachServiceAuthenticatesAsItsOwnUserWithThePasswordKafkaSetupGivesIt() throws IOException {
		Map<String, Map<String, Object>> applications = applications();
		Map<String, String> users = serviceUsers();
		assertThat(users.keySet())
			.containsExactlyInAnyOrder(KafkaCredentials.PUBLISHER, KafkaCredentials.FEED, KafkaCredentials.NOTIFIER,
					KafkaCredentials.PACKAGES)
			.containsExactlyInAnyOrderElementsOf(applications.keySet());
		assertThat(users.values()).doesNotHaveDuplicates();
		Map<String, String> setup = rawEnvironment(services().get("kafka-setup"));
		for (Map.Entry<String, Map<String, Object>> service : applications.entrySet()) {
			String name = service.getKey();
			String jaas = kafkaProperties(binder(name, environment(service.getValue()))).get("sasl.jaas.config");
			assertThat(jaas).as(name + " sasl.jaas.config").isNotNull();
			Matcher bound = SCRAM_JAAS.matcher(jaas);
			assertThat(bound.matches()).as(name + " sasl.jaas.config: " + jaas).isTrue();
			assertThat(bound.group(1)).as(name + " Kafka user").isEqualTo(name);
			Matcher raw = SCRAM_JAAS
				.matcher(rawEnvironment(service.getValue()).get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"));
			assertThat(raw.matches()).as(name + ": its credential comes from the environment").isTrue();
			Matcher password = VARIABLE.matcher(raw.group(2));
			assertThat(password.matches()).as(name + ": password from ${VARIABLE:-default}").isTrue();
			assertThat(password.group(1)).as(name + " password variable").isEqualTo(users.get(name));
			assertThat(setup).as("kafka-setup's " + password.group(1)).containsEntry(password.group(1), raw.group(2));
			assertThat(password.group(2)).as(name + " default password").matches(SCRIPT_PASSWORD);
		}
	}

	@Test
	void brokerAdministratorAndTlsPasswordsAreTheSameWhereverTheyAreUsed() throws IOException {
		Map<String, Map<String, Object>> services = services();
		Map<String, String> kafka = rawEnvironment(services.get("kafka"));
		assertThat(rawEnvironment(services.get("kafka-setup"))).containsEntry("SYNDICATION_KAFKA_ADMIN_PASSWORD",
				kafka.get("SYNDICATION_KAFKA_ADMIN_PASSWORD"));
		for (String variable : List.of("SYNDICATION_KAFKA_BROKER_PASSWORD", "SYNDICATION_KAFKA_ADMIN_PASSWORD",
				"SYNDICATION_KAFKA_TLS_PASSWORD")) {
			Matcher password = VARIABLE.matcher(String.valueOf(kafka.get(variable)));
			assertThat(password.matches()).as(variable + " from ${" + variable + ":-default}").isTrue();
			assertThat(password.group(1)).isEqualTo(variable);
			assertThat(password.group(2)).as(variable + " default").matches(SCRIPT_PASSWORD);
		}
		// Passwords reach the broker only from the environment, never from a file here.
		assertThat(brokerTemplate()).doesNotContain("dev-only");
	}

	@Test
	void kafkaSetupGrantsTheServicesExactlyTheLocalStacksAcls() throws IOException {
		Map<String, List<AclBinding>> granted = new LinkedHashMap<>();
		for (String line : Files.readAllLines(KAFKA.resolve("service-acls.txt"))) {
			if (line.isBlank() || line.strip().startsWith("#")) {
				continue;
			}
			String[] fields = line.strip().split("\\s+");
			assertThat(fields).as(line).hasSize(5);
			ResourceType type = ResourceType.fromString(fields[1].toUpperCase(Locale.ROOT).replace('-', '_'));
			PatternType pattern = PatternType.fromString(fields[2].toUpperCase(Locale.ROOT));
			assertThat(type).as(line).isIn(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID);
			assertThat(pattern).as(line).isIn(PatternType.LITERAL, PatternType.PREFIXED);
			for (String operation : fields[4].split(",")) {
				// As kafka-acls.sh names them: Describe, DescribeConfigs.
				AclOperation acl = AclOperation
					.fromString(operation.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
				assertThat(acl).as(line).isNotEqualTo(AclOperation.UNKNOWN);
				granted.computeIfAbsent(fields[0], (user) -> new ArrayList<>())
					.add(new AclBinding(new ResourcePattern(type, fields[3], pattern),
							new AccessControlEntry("User:" + fields[0], "*", acl, AclPermissionType.ALLOW)));
			}
		}
		assertThat(granted.keySet()).containsExactlyInAnyOrderElementsOf(serviceUsers().keySet());
		granted.forEach((user, acls) -> assertThat(acls).as(user)
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(KafkaAccess.serviceAcls(user)));
	}

	@Test
	void prometheusAndGrafanaRunOnlyInTheOpsProfile() throws IOException {
		Map<String, Map<String, Object>> services = services();
		services.forEach((name, service) -> {
			if (OPS_SERVICES.contains(name)) {
				assertThat(service.get("profiles")).as(name).isEqualTo(List.of("ops"));
			}
			else {
				// A plain docker compose up starts what it started before.
				assertThat(service).as(name).doesNotContainKey("profiles");
				if (service.get("depends_on") instanceof Map<?, ?> dependencies) {
					assertThat(dependencies.keySet().stream().map(String::valueOf)).as(name)
						.doesNotContainAnyElementsOf(OPS_SERVICES);
				}
			}
		});
	}

	@Test
	void prometheusScrapesEveryServiceOnItsPortWithTheServicesToken() throws IOException {
		Map<String, Object> prometheus = services().get("prometheus");
		Map<String, Object> configuration = prometheusConfiguration();
		String tokenFile = shellVariable(prometheusStartScript(), "token_file");
		Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
		for (Map<String, Object> job : list(configuration.get("scrape_configs"))) {
			jobs.put((String) job.get("job_name"), job);
		}
		Map<String, Map<String, Object>> applications = applications();
		assertThat(jobs.keySet()).containsExactlyInAnyOrderElementsOf(applications.keySet());
		for (Map.Entry<String, Map<String, Object>> service : applications.entrySet()) {
			Map<String, Object> job = jobs.get(service.getKey());
			int port = binder(service.getKey(), environment(service.getValue())).bind("server.port", Integer.class)
				.get();
			assertThat(job.get("metrics_path")).as(service.getKey()).isEqualTo("/actuator/prometheus");
			assertThat(list(job.get("static_configs"))).as(service.getKey())
				.singleElement()
				.extracting((targets) -> targets.get("targets"))
				.isEqualTo(List.of(service.getKey() + ":" + port));
			assertThat(job.get("authorization")).as(service.getKey())
				.isEqualTo(Map.of("type", "Bearer", "credentials_file", tokenFile));
		}
		// start.sh writes the token from the variable that gives the services theirs,
		// into a
		// directory in memory.
		assertThat(prometheusStartScript()).contains("printf '%s' \"$SYNDICATION_API_TOKEN\" > \"$token_file\"");
		Map<String, String> raw = rawEnvironment(prometheus);
		assertThat(raw).containsEntry("SYNDICATION_API_TOKEN",
				rawEnvironment(applications.get("publisher-service")).get("PUBLISHER_API_TOKEN"));
		assertThat(raw.get("SYNDICATION_API_TOKEN"))
			.isEqualTo(rawEnvironment(applications.get("feed-service")).get("FEED_MANAGEMENT_TOKEN"))
			.isEqualTo(rawEnvironment(applications.get("notifier-service")).get("NOTIFIER_MANAGEMENT_TOKEN"));
		assertThat(prometheus.get("tmpfs")).isEqualTo(List.of(Path.of(tokenFile).getParent().toString()));
	}

	@Test
	void prometheusLoadsTheAlertRulesOfOps() throws IOException {
		Map<String, Object> prometheus = services().get("prometheus");
		Path configPath = Path.of(prometheusFlag("--config.file"));
		List<?> ruleFiles = (List<?>) prometheusConfiguration().get("rule_files");
		assertThat(ruleFiles).hasSize(1);
		// Relative to the configuration file, as Prometheus resolves them.
		String rules = configPath.resolveSibling(String.valueOf(ruleFiles.get(0))).toString();
		assertThat(hostDirectory(prometheus, rules)).as("the host file mounted at %s", rules)
			.isEqualTo("./ops/prometheus/alerts.yml");
		assertThat(ROOT.resolve(hostDirectory(prometheus, rules))).isRegularFile();
		assertThat(hostDirectory(prometheus, configPath.toString())).isEqualTo("./ops/prometheus/prometheus.yml");
		assertThat(String.valueOf(volume(prometheus, rules))).endsWith(":ro");
	}

	@Test
	void grafanaShowsTheDashboardOfOpsFromThisPrometheus() throws IOException {
		Map<String, Map<String, Object>> services = services();
		Map<String, Object> grafana = services.get("grafana");
		assertThat(hostDirectory(grafana, "/etc/grafana/provisioning")).isEqualTo("./ops/grafana/provisioning");
		Path provisioning = OPS.resolve("grafana/provisioning");

		Map<String, Object> datasource = list(
				yaml(provisioning.resolve("datasources/prometheus.yml")).get("datasources"))
			.get(0);
		assertThat(datasource.get("type")).isEqualTo("prometheus");
		assertThat(datasource.get("isDefault")).isEqualTo(true);
		int prometheusPort = Integer.parseInt(prometheusFlag("--web.listen-address", ":9090").replaceAll(".*:", ""));
		assertThat(datasource.get("url")).isEqualTo("http://prometheus:" + prometheusPort);
		assertThat(((List<?>) services.get("prometheus").get("ports")).stream().map(String::valueOf))
			.anyMatch((mapping) -> mapping.endsWith(":" + prometheusPort));

		Map<String, Object> provider = list(yaml(provisioning.resolve("dashboards/syndication.yml")).get("providers"))
			.get(0);
		String dashboards = String.valueOf(((Map<?, ?>) provider.get("options")).get("path"));
		assertThat(hostDirectory(grafana, dashboards)).isEqualTo("./ops/grafana/dashboards");
		String home = rawEnvironment(grafana).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
		assertThat(Path.of(home).getParent()).hasToString(dashboards);
		assertThat(OPS.resolve("grafana/dashboards").resolve(Path.of(home).getFileName().toString())).isRegularFile();
	}

	/**
	 * {@code ops/prometheus/prometheus.yml}, the file the prometheus service runs with.
	 */
	private static Map<String, Object> prometheusConfiguration() throws IOException {
		String mounted = hostDirectory(services().get("prometheus"), prometheusFlag("--config.file"));
		assertThat(mounted).as("the configuration file's mount").isNotNull();
		return yaml(ROOT.resolve(mounted));
	}

	/** The entrypoint script of the prometheus service, as mounted from ops/. */
	private static String prometheusStartScript() throws IOException {
		Map<String, Object> prometheus = services().get("prometheus");
		List<?> entrypoint = (List<?>) prometheus.get("entrypoint");
		assertThat(entrypoint).hasSize(2).first().isEqualTo("/bin/sh");
		String script = hostDirectory(prometheus, String.valueOf(entrypoint.get(1)));
		assertThat(script).isEqualTo("./ops/prometheus/start.sh");
		return Files.readString(ROOT.resolve(script));
	}

	/** A flag of the command line start.sh runs Prometheus with. */
	private static String prometheusFlag(String flag) throws IOException {
		return prometheusFlag(flag, null);
	}

	private static String prometheusFlag(String flag, String otherwise) throws IOException {
		Matcher value = Pattern.compile("exec /bin/prometheus .*" + Pattern.quote(flag) + "=(\\S+)")
			.matcher(prometheusStartScript());
		if (value.find()) {
			return value.group(1);
		}
		assertThat(otherwise).as("start.sh runs Prometheus with %s", flag).isNotNull();
		return otherwise;
	}

	private static String shellVariable(String script, String name) {
		Matcher assignment = Pattern.compile("(?m)^" + name + "=(\\S+)$").matcher(script);
		assertThat(assignment.find()).as("%s= in the script", name).isTrue();
		return assignment.group(1);
	}

	/** The volume entry of the service mounted at the container path, as written. */
	private static Object volume(Map<String, Object> service, String containerPath) {
		return ((List<?>) service.get("volumes")).stream()
			.filter((volume) -> String.valueOf(volume).contains(":" + containerPath))
			.findFirst()
			.orElse(null);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> yaml(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return new Yaml().load(reader);
		}
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
		return interpolated(value, Map.of());
	}

	private static Map<String, String> kafkaProperties(Binder binder) {
		return binder.bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class)).orElse(Map.of());
	}

	/** The compose environment as written, variables and all. */
	private static Map<String, String> rawEnvironment(Map<String, Object> service) {
		Map<String, String> environment = new HashMap<>();
		((Map<?, ?>) service.get("environment"))
			.forEach((name, value) -> environment.put((String) name, String.valueOf(value)));
		return environment;
	}

	/** The host side of the service's bind mount at {@code containerPath}, as written. */
	private static String hostDirectory(Map<String, Object> service, String containerPath) {
		for (Object volume : (List<?>) service.get("volumes")) {
			String text = String.valueOf(volume);
			// HOST:CONTAINER[:MODE], HOST maybe ${NAME:-default}
			int hostEnd = text.startsWith("${") ? text.indexOf('}') + 1 : text.indexOf(':');
			String[] rest = text.substring(hostEnd + 1).split(":");
			if (rest[0].equals(containerPath)) {
				return text.substring(0, hostEnd);
			}
		}
		return null;
	}

	private static String brokerTemplate() throws IOException {
		return Files.readString(KAFKA.resolve("server.properties"));
	}

	/**
	 * The broker configuration as {@code start.sh} writes it, with the compose defaults
	 * of the kafka service's environment.
	 */
	private static Properties brokerConfiguration() throws IOException {
		return brokerConfiguration(Map.of());
	}

	/**
	 * The broker configuration as {@code start.sh} writes it, with the kafka service's
	 * environment as compose passes it when {@code variables} are set where it runs.
	 */
	private static Properties brokerConfiguration(Map<String, String> variables) throws IOException {
		Map<String, String> environment = rawEnvironment(services().get("kafka"));
		Matcher placeholder = PLACEHOLDER.matcher(brokerTemplate());
		StringBuilder rendered = new StringBuilder();
		while (placeholder.find()) {
			String variable = placeholder.group(1);
			assertThat(environment).as("the kafka service's environment").containsKey(variable);
			assertThat(Files.readString(KAFKA.resolve("start.sh"))).as("start.sh fills in " + variable)
				.contains("s|@" + variable + "@|");
			placeholder.appendReplacement(rendered,
					Matcher.quoteReplacement(interpolated(environment.get(variable), variables)));
		}
		placeholder.appendTail(rendered);
		Properties properties = new Properties();
		properties.load(new StringReader(rendered.toString()));
		return properties;
	}

	/** Compose variables ({@code ${NAME:-default}}) resolved as compose would. */
	private static String interpolated(String value, Map<String, String> variables) {
		return VARIABLE.matcher(value)
			.replaceAll((variable) -> Matcher
				.quoteReplacement(variables.getOrDefault(variable.group(1), variable.group(2))));
	}

	private static Map<String, String> listenerProtocols(Properties broker) {
		Map<String, String> protocols = new LinkedHashMap<>();
		for (String entry : broker.getProperty("listener.security.protocol.map", "").split(",")) {
			String[] parts = entry.split(":");
			protocols.put(parts[0].strip(), parts[1].strip());
		}
		return protocols;
	}

	/** Listener name to {@code host:port} ({@code :port} for every interface). */
	private static Map<String, String> listenerAddresses(String listeners) {
		Map<String, String> addresses = new LinkedHashMap<>();
		for (String listener : listeners.split(",")) {
			int separator = listener.indexOf("://");
			addresses.put(listener.substring(0, separator).strip(), listener.substring(separator + 3).strip());
		}
		return addresses;
	}

	private static String listenerOnPort(Properties broker, int port) {
		List<String> listeners = listenerAddresses(broker.getProperty("listeners")).entrySet()
			.stream()
			.filter((listener) -> listener.getValue().endsWith(":" + port))
			.map(Map.Entry::getKey)
			.toList();
		assertThat(listeners).as("listeners on port " + port).hasSize(1);
		return listeners.get(0);
	}

	private static List<String> enabledMechanisms(Properties broker, String listener) {
		String mechanisms = broker
			.getProperty("listener.name." + listener.toLowerCase(Locale.ROOT) + ".sasl.enabled.mechanisms", "");
		return Arrays.stream(mechanisms.split(",")).map(String::strip).filter((name) -> !name.isEmpty()).toList();
	}

	/**
	 * {@code service-users.txt}: each service's user and the variable of its password.
	 */
	private static Map<String, String> serviceUsers() throws IOException {
		Map<String, String> users = new LinkedHashMap<>();
		for (String line : Files.readAllLines(KAFKA.resolve("service-users.txt"))) {
			if (!line.isBlank() && !line.strip().startsWith("#")) {
				String[] fields = line.strip().split("\\s+");
				assertThat(fields).as(line).hasSize(2);
				users.put(fields[0], fields[1]);
			}
		}
		return users;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services() throws IOException {
		try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
			Map<String, Object> compose = new Yaml().load(reader);
			return (Map<String, Map<String, Object>>) compose.get("services");
		}
	}

}
