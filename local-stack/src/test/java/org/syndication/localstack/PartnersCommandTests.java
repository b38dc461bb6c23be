package org.syndication.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartnersCommandTests {

	private static final Path WORKING_DIR = Path.of("/srv/newsroom");

	@Test
	void theAdministratorsConfigurationOfTheLocalStackIsTheDefault() {
		PartnersCommand.Arguments arguments = PartnersCommand.Arguments.parse(List.of("add", "acme"), WORKING_DIR);

		assertThat(arguments.command()).isEqualTo("add");
		assertThat(arguments.name()).isEqualTo("acme");
		assertThat(arguments.commandConfig()).isEqualTo(Path.of("/srv/newsroom/data/kafka/admin.properties"));
		assertThat(arguments.bootstrapServer()).isNull();
	}

	@Test
	void anotherClusterIsNamedWithKafkasOwnOptions() {
		PartnersCommand.Arguments arguments = PartnersCommand.Arguments.parse(List.of("revoke", "acme",
				"--bootstrap-server", "kafka.example.org:9094", "--command-config", "admin-ssl.properties"),
				WORKING_DIR);

		assertThat(arguments.bootstrapServer()).isEqualTo("kafka.example.org:9094");
		assertThat(arguments.commandConfig()).isEqualTo(Path.of("/srv/newsroom/admin-ssl.properties"));
	}

	@Test
	void aPartnerIsAddedWithItsPackagesOrAllAndGrantedOneAtATime() {
		assertThat(PartnersCommand.Arguments.parse(List.of("add", "acme"), WORKING_DIR).packages())
			.containsExactly("all");
		assertThat(PartnersCommand.Arguments
			.parse(List.of("add", "acme", "--packages", "sport, zh-news,sport"), WORKING_DIR)
			.packages()).containsExactly("sport", "zh-news");
		PartnersCommand.Arguments grant = PartnersCommand.Arguments.parse(List.of("grant", "acme", "sport"),
				WORKING_DIR);
		assertThat(grant.name()).isEqualTo("acme");
		assertThat(grant.packageName()).isEqualTo("sport");
	}

	@Test
	void aWrongCommandLineIsRefused() {
		for (List<String> args : List.of(List.<String>of(), List.of("add"), List.of("add", "a", "b"),
				List.of("list", "acme"), List.of("delete", "acme"), List.of("list", "--password-stdin"),
				List.of("add", "acme", "--bootstrap-server"), List.of("add", "acme", "--unknown"),
				List.of("grant", "acme"), List.of("revoke-package", "acme"), List.of("grant", "acme", "a", "b"),
				List.of("list", "--packages", "sport"), List.of("add", "acme", "--packages", " , "),
				List.of("status", "a", "b"))) {
			assertThatThrownBy(() -> PartnersCommand.Arguments.parse(args, WORKING_DIR)).as("%s", args)
				.isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void thePartnersConfigurationKeepsTheAdministratorsConnectionAndTrustButNotItsCredential() {
		Map<String, Object> admin = Map.of("bootstrap.servers", "localhost:9094", "security.protocol", "SASL_SSL",
				"sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", "… username=\"admin\" password=\"secret\";",
				"ssl.truststore.type", "PEM", "ssl.truststore.location", "/tls/ca.pem", "default.api.timeout.ms",
				30000);

		Map<String, Object> partner = ClientConfigs.partner(new KafkaUser("acme", "partner-password-1"), admin);

		assertThat(partner).containsEntry("bootstrap.servers", "localhost:9094")
			.containsEntry("security.protocol", "SASL_SSL")
			.containsEntry("ssl.truststore.type", "PEM")
			.containsEntry("ssl.truststore.location", "/tls/ca.pem")
			.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.doesNotContainKey("default.api.timeout.ms");
		assertThat(partner.get("sasl.jaas.config").toString()).contains("username=\"acme\"").doesNotContain("secret\"");
	}

}
