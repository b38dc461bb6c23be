package org.syndication.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaCredentialsTests {

	@TempDir
	Path dataDir;

	@Test
	void passwordsAreGeneratedOnceAndKeptReadableByTheOwnerOnly() throws Exception {
		Path file = this.dataDir.resolve("kafka").resolve("credentials.properties");

		KafkaCredentials first = KafkaCredentials.keptIn(file, List.of("partner"));
		KafkaCredentials second = KafkaCredentials.keptIn(file, List.of("partner"));

		assertThat(second).isEqualTo(first);
		assertThat(first.passwords()).containsOnlyKeys("broker", "admin", "publisher-service", "feed-service",
				"notifier-service", "packages-service", "partner");
		assertThat(first.passwords().values()).allSatisfy((password) -> assertThat(password).hasSize(43))
			.doesNotHaveDuplicates();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void aUserMissingFromTheFileGetsAPasswordAndTheOthersKeepTheirs() throws Exception {
		Path file = this.dataDir.resolve("credentials.properties");
		KafkaCredentials before = KafkaCredentials.keptIn(file, List.of());

		KafkaCredentials after = KafkaCredentials.keptIn(file, List.of("partner"));

		assertThat(after.passwords()).containsAllEntriesOf(before.passwords()).containsKey("partner");
		assertThat(KafkaCredentials.keptIn(file, List.of("partner"))).isEqualTo(after);
	}

	@Test
	void theLocalStackRefusesABrokerFormattedBeforeKafkaRequiredCredentials() throws Exception {
		Path storage = Files.createDirectories(this.dataDir.resolve("kafka").resolve("kraft-combined-logs"));
		Files.writeString(storage.resolve("meta.properties"), "version=1\n");

		assertThatThrownBy(() -> LocalKafkaUsers.kafkaCredentials(this.dataDir))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("before Kafka required credentials")
			.hasMessageContaining("Delete " + this.dataDir.resolve("kafka"));
		assertThat(this.dataDir.resolve("kafka").resolve("credentials.properties")).doesNotExist();
	}

	@Test
	void aUserNeverShowsItsPasswordAndCarriesItIntoTheClientSettings() {
		KafkaUser user = new KafkaUser("acme", "s3cret-s3cret-s3cret");

		assertThat(user.toString()).doesNotContain("s3cret");
		assertThat(user.clientConfig("127.0.0.1:9092")).isEqualTo(Map.of("bootstrap.servers", "127.0.0.1:9092",
				"security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config",
				"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"acme\" password=\"s3cret-s3cret-s3cret\";"));
		assertThatThrownBy(() -> new KafkaUser("acme", "a\"; evil")).isInstanceOf(IllegalArgumentException.class);
	}

}
