package org.syndication.packages.routing;

import java.util.List;
import java.util.Set;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.events.ArticleEvents;
import org.syndication.packages.definition.PackageDefinition;
import org.syndication.packages.definition.PackageFormat;
import org.syndication.packages.ninjs.NinjsSchemas;
import org.syndication.packages.ninjs.NinjsVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syndication.packages.routing.PackagesDriver.header;

/**
 * Packages in ninjs: each record holds the article as a news item valid against the
 * IPTC's schema of the package's release, and its headers name the event that made it.
 */
class NinjsPackagesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PackagesDriver packages = new PackagesDriver();

	@AfterEach
	void close() {
		this.packages.close();
	}

	@Test
	void articleInANinjsPackageIsAValidItemWithTheEventsIdAndTypeInItsHeaders() {
		this.packages.define(ninjs("sport", PackageFormat.NINJS))
			.define(ninjs("sport-legacy", PackageFormat.NINJS_2_2));
		ArticleEvent event = ArticleEvents.sample()
			.categories("sport")
			.image("https://images.example.com/a.jpg", "A goal")
			.published();
		this.packages.publish(event);

		TestRecord<String, byte[]> current = single(this.packages.records("sport"));
		assertItem(current, event, NinjsVersion.V3_1, "usable");
		TestRecord<String, byte[]> legacy = single(this.packages.records("sport-legacy"));
		assertItem(legacy, event, NinjsVersion.V2_2, "usable");
	}

	@Test
	void retractionInANinjsPackageIsTheCanceledItemThenATombstone() {
		this.packages.define(ninjs("sport", PackageFormat.NINJS));
		ArticleEvents.Builder article = ArticleEvents.article().categories("sport");
		this.packages.publish(article.published());
		this.packages.records("sport");

		ArticleEvent retracted = article.version(2).retracted();
		this.packages.publish(retracted);
		this.packages.tombstone(retracted);

		List<TestRecord<String, byte[]>> records = this.packages.records("sport");
		assertThat(records).hasSize(2);
		assertItem(records.get(0), retracted, NinjsVersion.V3_1, "canceled");
		assertThat(records.get(1).key()).isEqualTo(article.id().toString());
		assertThat(records.get(1).value()).isNull();
	}

	@Test
	void ninjsPackageDefinedLaterIsFilledWithItems() {
		ArticleEvent event = ArticleEvents.article().categories("sport").published();
		this.packages.publish(event);

		this.packages.define(ninjs("sport", PackageFormat.NINJS));

		assertItem(single(this.packages.records("sport")), event, NinjsVersion.V3_1, "usable");
	}

	@Test
	void packageChangedFromEventsToNinjsGetsItsArticlesAgainAsItems() {
		ArticleEvent event = ArticleEvents.article().categories("sport").published();
		this.packages.publish(event);
		this.packages.define(PackagesDriver.categories("sport", "sport"));
		assertThat(header(single(this.packages.records("sport")), ArticleEventHeaders.SOURCE)).isNotNull();

		this.packages.define(ninjs("sport", PackageFormat.NINJS));

		assertItem(single(this.packages.records("sport")), event, NinjsVersion.V3_1, "usable");
	}

	@Test
	void eventThatMakesNoItemGoesToTheDeadLetterTopicAndToNoPackage() {
		// Packages are routed in the order of their names: the events package's record
		// is made before the item fails.
		this.packages.define(PackagesDriver.categories("all-sport", "sport"))
			.define(ninjs("sport", PackageFormat.NINJS));
		ArticleEvent relativeUrl = ArticleEvents.article().categories("sport").url("/articles/1").published();
		byte[] value = this.packages.publish(relativeUrl);

		assertThat(this.packages.deadLetters()).extracting(TestRecord::value).containsExactly(value);
		assertThat(this.packages.outputTopics()).containsExactly(PackageTopics.DEAD_LETTER_TOPIC);
	}

	private static PackageDefinition ninjs(String name, PackageFormat format) {
		return new PackageDefinition(name, Set.of("sport"), Set.of(), Set.of(), format);
	}

	private static void assertItem(TestRecord<String, byte[]> record, ArticleEvent event, NinjsVersion version,
			String pubStatus) {
		JsonNode item = item(record);
		assertThat(NinjsSchemas.validate(item, version)).isEmpty();
		assertThat(item.path("uri").asString()).isEqualTo("urn:uuid:" + event.article().id());
		assertThat(item.path("standard").path("version").asString()).isEqualTo(version.value());
		assertThat(record.key()).isEqualTo(event.article().id().toString());
		assertThat(header(record, ArticleEventHeaders.ID)).isEqualTo(event.eventId().toString());
		assertThat(header(record, ArticleEventHeaders.TYPE)).isEqualTo(event.type().value());
		assertThat(header(record, ArticleEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
		assertThat(header(record, ArticleEventHeaders.SOURCE)).isNull();
		assertThat(item.path((version == NinjsVersion.V2_2) ? "pubstatus" : "pubStatus").asString())
			.isEqualTo(pubStatus);
	}

	private static JsonNode item(TestRecord<String, byte[]> record) {
		return JSON.readTree(record.value());
	}

	private static TestRecord<String, byte[]> single(List<TestRecord<String, byte[]>> records) {
		assertThat(records).hasSize(1);
		return records.get(0);
	}

}
