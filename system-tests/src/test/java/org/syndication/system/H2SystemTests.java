package org.syndication.system;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.localstack.KafkaUser;
import org.syndication.localstack.Packages;
import org.syndication.localstack.Partners;
import org.syndication.system.Publisher.Article;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system scenarios with every service on its own H2 file database, the default; and
 * the partners' guide's clients, which do not depend on the database kind.
 */
class H2SystemTests extends SystemScenarios {

	private KafkaUser partner;

	@Override
	Function<Path, Databases> databases() {
		return Databases::h2;
	}

	@Test
	@Order(11)
	void aPartnerReadsTheBackCatalogueAndEveryChangeWithTheGuidesJavaClient(@TempDir Path directory) {
		PartnerClients.assertThePartnersGuideShows("java/PartnerConsumer.java");
		Article kept = this.system.publisherApi.create(SystemChecks.article("S11 java article 0000", "s11", 0));
		Article retracted = this.system.publisherApi.create(SystemChecks.article("S11 java article 0001", "s11", 1));
		this.system.publisherApi.retract(retracted);
		try (PartnerClients.Client client = clients(directory).java()) {
			client.awaitLines((line) -> line.startsWith(kept.id() + " {") && line.contains("S11 java article 0000"),
					(line) -> line.startsWith(retracted.id() + " {") && line.contains("\"article.retracted\""),
					(line) -> line.equals(retracted.id() + " null"));
			// And a change as it happens.
			Article live = this.system.publisherApi.create(SystemChecks.article("S11 java article 0002", "s11", 2));
			client.awaitLines((line) -> line.startsWith(live.id() + " {") && line.contains("S11 java article 0002"));
		}
	}

	@Test
	@Order(12)
	void aPartnerReadsTheBackCatalogueAndEveryChangeWithTheGuidesKafkaJsClient(@TempDir Path directory) {
		PartnerClients.assertThePartnersGuideShows("kafkajs/partner-consumer.js");
		Assumptions.assumeTrue(PartnerClients.nodeMissing().isEmpty(),
				() -> "KafkaJS client not run: " + PartnerClients.nodeMissing().orElseThrow());
		Article kept = this.system.publisherApi.create(SystemChecks.article("S12 kafkajs article 0000", "s12", 0));
		Article retracted = this.system.publisherApi.create(SystemChecks.article("S12 kafkajs article 0001", "s12", 1));
		this.system.publisherApi.retract(retracted);
		// Records that are no events, as a partner may meet them: skipped, and the client
		// reads on.
		this.system.topic.send(ArticlesTopic.NAME, "s12-not-json", "this is not an event {".getBytes(UTF_8), Map.of());
		this.system.topic.send(ArticlesTopic.NAME, "s12-no-article", "{\"type\": 42}".getBytes(UTF_8), Map.of());
		try (PartnerClients.Client client = clients(directory).kafkaJs()) {
			client.awaitLines((line) -> line.equals("article.published " + kept.id() + " 1 S12 kafkajs article 0000"),
					(line) -> line.startsWith("article.retracted " + retracted.id() + " "),
					(line) -> line.equals(retracted.id() + " retracted"),
					(line) -> line.startsWith("s12-not-json at offset ") && line.endsWith(" is not an event"),
					(line) -> line.startsWith("s12-no-article at offset ") && line.endsWith(" is not an event"));
			Article live = this.system.publisherApi.create(SystemChecks.article("S12 kafkajs article 0002", "s12", 2));
			client.awaitLines((line) -> line.equals("article.published " + live.id() + " 1 S12 kafkajs article 0002"));
		}
	}

	@Test
	@Order(13)
	void aPartnerHoldingAPackageReadsOnlyItsArticlesWithTheGuidesJavaClient(@TempDir Path directory) {
		KafkaUser desk = packagePartner("s13");
		Article sport = this.system.publisherApi.create(SystemChecks.article("S13 java sport 0000", "s13-sport", 0));
		Article other = this.system.publisherApi.create(SystemChecks.article("S13 java other 0001", "s13-other", 1));
		try (PartnerClients.Client client = packageClients(directory, desk, "s13").java()) {
			client.awaitLines((line) -> line.startsWith(sport.id() + " {") && line.contains("S13 java sport 0000"));
			Article moved = this.system.publisherApi.update(sport,
					SystemChecks.article("S13 java sport 0000", "s13-other", 0));
			client.awaitLines((line) -> line.equals(moved.id() + " null"));
			assertThat(client.output()).doesNotContain(other.id());
		}
	}

	@Test
	@Order(14)
	void aPartnerHoldingAPackageReadsOnlyItsArticlesWithTheGuidesKafkaJsClient(@TempDir Path directory) {
		Assumptions.assumeTrue(PartnerClients.nodeMissing().isEmpty(),
				() -> "KafkaJS client not run: " + PartnerClients.nodeMissing().orElseThrow());
		KafkaUser desk = packagePartner("s14");
		Article sport = this.system.publisherApi.create(SystemChecks.article("S14 kafkajs sport 0000", "s14-sport", 0));
		Article other = this.system.publisherApi.create(SystemChecks.article("S14 kafkajs other 0001", "s14-other", 1));
		try (PartnerClients.Client client = packageClients(directory, desk, "s14").kafkaJs()) {
			client.awaitLines((line) -> line.equals("article.published " + sport.id() + " 1 S14 kafkajs sport 0000"));
			Article moved = this.system.publisherApi.update(sport,
					SystemChecks.article("S14 kafkajs sport 0000", "s14-other", 0));
			client.awaitLines((line) -> line.equals(moved.id() + " retracted"));
			assertThat(client.output()).doesNotContain(other.id());
		}
	}

	/**
	 * A package of the category {@code PREFIX-sport} and a partner {@code PREFIX-desk}
	 * holding only it.
	 */
	private KafkaUser packagePartner(String prefix) {
		Map<String, Object> adminConfig = this.system.kafka.clientConfig(KafkaCredentials.ADMIN);
		try (Admin admin = Admin.create(adminConfig)) {
			Packages packages = Packages.asAdministrator(admin, adminConfig);
			packages.add(
					new Packages.Definition(prefix + "-sport", List.of(prefix + "-sport"), List.of(), List.of(), null));
			return new Partners(admin, packages::exists).add(prefix + "-desk", null, List.of(prefix + "-sport"));
		}
	}

	private PartnerClients packageClients(Path directory, KafkaUser desk, String prefix) {
		return new PartnerClients(directory, this.system.kafka.bootstrapServers(), desk,
				"articles.pkg." + prefix + "-sport");
	}

	/** The guide's clients, as the partner its examples name. */
	private PartnerClients clients(Path directory) {
		if (this.partner == null) {
			try (Admin admin = Admin.create(this.system.kafka.clientConfig(KafkaCredentials.ADMIN))) {
				this.partner = new Partners(admin).add("partner", null);
			}
		}
		return new PartnerClients(directory, this.system.kafka.bootstrapServers(), this.partner, ArticlesTopic.NAME);
	}

}
