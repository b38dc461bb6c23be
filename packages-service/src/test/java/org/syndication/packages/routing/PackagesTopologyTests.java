package org.syndication.packages.routing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.events.ArticleEvents;
import org.syndication.packages.definition.PackageDefinition;
import org.syndication.packages.definition.PackageFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syndication.packages.routing.PackagesDriver.categories;
import static org.syndication.packages.routing.PackagesDriver.header;

/**
 * Articles routed into packages of the events format: each package's topic holds the
 * events of the articles its rule takes in, with their headers, and a tombstone when an
 * article leaves it.
 */
class PackagesTopologyTests {

	private final PackagesDriver packages = new PackagesDriver();

	@AfterEach
	void close() {
		this.packages.close();
	}

	@Test
	void articleMatchingOnePackageGoesToThatPackageOnly() {
		this.packages.define(categories("sport", "sport")).define(categories("politics", "politics"));
		ArticleEvent event = ArticleEvents.article().categories("sport", "tennis").published();
		byte[] value = this.packages.publish(event);

		List<TestRecord<String, byte[]>> sport = this.packages.records("sport");
		assertThat(sport).hasSize(1);
		assertThat(sport.get(0).key()).isEqualTo(event.article().id().toString());
		assertThat(sport.get(0).value()).isEqualTo(value);
		assertThat(sport.get(0).headers().toArray()).containsExactly(PackagesDriver.cloudEvent(event).toArray());
		assertThat(this.packages.records("politics")).isEmpty();
		assertThat(this.packages.outputTopics()).containsExactly(PackageTopics.of("sport"));
	}

	@Test
	void articleMatchingNoPackageGoesNowhere() {
		this.packages.define(categories("sport", "sport"));
		this.packages.publish(ArticleEvents.article().categories("culture").published());

		assertThat(this.packages.outputTopics()).isEmpty();
	}

	@Test
	void articleMatchingSeveralPackagesGoesToEach() {
		this.packages.define(categories("sport", "sport"))
			.define(new PackageDefinition("english", Set.of(), Set.of("en"), Set.of(), PackageFormat.EVENTS));
		ArticleEvent event = ArticleEvents.article().categories("sport").language("en-GB").published();
		this.packages.publish(event);

		assertThat(this.packages.records("sport")).extracting(TestRecord::key)
			.containsExactly(event.article().id().toString());
		assertThat(this.packages.records("english")).extracting(TestRecord::key)
			.containsExactly(event.article().id().toString());
	}

	@Test
	void kindsOfRuleValuesCombineWithAndValuesOfOneKindWithOr() {
		this.packages.define(new PackageDefinition("sport-by-ada-or-grace", Set.of("sport", "football"), Set.of(),
				Set.of("Ada Lovelace", "Grace Hopper"), PackageFormat.EVENTS));
		ArticleEvent footballByGrace = ArticleEvents.article()
			.categories("football")
			.authors("Grace Hopper")
			.published();
		ArticleEvent sportByAda = ArticleEvents.article().categories("sport").authors("Ada Lovelace").published();
		ArticleEvent sportByAlan = ArticleEvents.article().categories("sport").authors("Alan Turing").published();
		ArticleEvent politicsByAda = ArticleEvents.article().categories("politics").authors("Ada Lovelace").published();
		List.of(footballByGrace, sportByAda, sportByAlan, politicsByAda).forEach(this.packages::publish);

		assertThat(this.packages.records("sport-by-ada-or-grace")).extracting(TestRecord::key)
			.containsExactly(footballByGrace.article().id().toString(), sportByAda.article().id().toString());
	}

	@Test
	void articleEditedOutOfAPackageIsTombstonedThereAndGoesWhereItNowMatches() {
		this.packages.define(categories("sport", "sport")).define(categories("politics", "politics"));
		ArticleEvents.Builder article = ArticleEvents.article().categories("sport");
		this.packages.publish(article.published());
		this.packages.records("sport");

		ArticleEvent edited = article.version(2).categories("politics").updated();
		byte[] value = this.packages.publish(edited);

		List<TestRecord<String, byte[]>> sport = this.packages.records("sport");
		assertThat(sport).hasSize(1);
		assertThat(sport.get(0).key()).isEqualTo(article.id().toString());
		assertThat(sport.get(0).value()).isNull();
		List<TestRecord<String, byte[]>> politics = this.packages.records("politics");
		assertThat(politics).hasSize(1);
		assertThat(politics.get(0).value()).isEqualTo(value);
		assertThat(header(politics.get(0), ArticleEventHeaders.TYPE)).isEqualTo("article.updated");
	}

	@Test
	void articleEditedWithinAPackageGoesThereAgain() {
		this.packages.define(categories("sport", "sport"));
		ArticleEvents.Builder article = ArticleEvents.article().categories("sport");
		this.packages.publish(article.published());
		byte[] edited = this.packages.publish(article.version(2).title("Final score").updated());

		assertThat(this.packages.records("sport")).extracting(TestRecord::value).last().isEqualTo(edited);
	}

	@Test
	void articleNeverInAPackageGetsNoTombstoneThere() {
		this.packages.define(categories("sport", "sport"));
		ArticleEvents.Builder article = ArticleEvents.article().categories("culture");
		this.packages.publish(article.published());
		this.packages.publish(article.version(2).updated());
		this.packages.tombstone(article.version(2).updated());

		assertThat(this.packages.outputTopics()).isEmpty();
	}

	@Test
	void retractionGivesTheRetractedEventThenATombstoneInEveryPackageThatHeldTheArticle() {
		this.packages.define(categories("sport", "sport"))
			.define(new PackageDefinition("english", Set.of(), Set.of("en"), Set.of(), PackageFormat.EVENTS))
			.define(categories("politics", "politics"));
		ArticleEvents.Builder article = ArticleEvents.article().categories("sport").language("en");
		this.packages.publish(article.published());
		this.packages.records("sport");
		this.packages.records("english");

		// The retracted version names politics: it goes where the article was, not where
		// its last version would go.
		ArticleEvent retracted = article.version(2).categories("politics").retracted();
		byte[] value = this.packages.publish(retracted);
		this.packages.tombstone(retracted);

		for (String held : List.of("sport", "english")) {
			List<TestRecord<String, byte[]>> records = this.packages.records(held);
			assertThat(records).extracting(TestRecord::key).containsOnly(article.id().toString());
			assertThat(records).extracting(TestRecord::value).containsExactly(value, null);
			assertThat(header(records.get(0), ArticleEventHeaders.TYPE)).isEqualTo("article.retracted");
		}
		assertThat(this.packages.outputTopics()).doesNotContain(PackageTopics.of("politics"));
	}

	@Test
	void tombstoneOnTheArticlesTopicIsATombstoneInEveryPackageThatHeldTheArticle() {
		this.packages.define(categories("sport", "sport"))
			.define(categories("tennis", "tennis"))
			.define(categories("politics", "politics"));
		ArticleEvent event = ArticleEvents.article().categories("sport", "tennis").published();
		this.packages.publish(event);
		this.packages.records("sport");
		this.packages.records("tennis");

		this.packages.tombstone(event);

		for (String held : List.of("sport", "tennis")) {
			List<TestRecord<String, byte[]>> records = this.packages.records(held);
			assertThat(records).hasSize(1);
			assertThat(records.get(0).key()).isEqualTo(event.article().id().toString());
			assertThat(records.get(0).value()).isNull();
		}
		assertThat(this.packages.outputTopics()).doesNotContain(PackageTopics.of("politics"));
	}

	@Test
	void packageDefinedAfterArticlesIsFilledWithTheLatestVersionOfEachMatchingArticle() {
		ArticleEvents.Builder edited = ArticleEvents.article().categories("sport");
		this.packages.publish(edited.published());
		byte[] latest = this.packages.publish(edited.version(2).title("Final score").updated());
		ArticleEvent other = ArticleEvents.article().categories("sport").published();
		byte[] otherValue = this.packages.publish(other);
		this.packages.publish(ArticleEvents.article().categories("politics").published());
		ArticleEvents.Builder retracted = ArticleEvents.article().categories("sport");
		this.packages.publish(retracted.published());
		this.packages.publish(retracted.version(2).retracted());
		this.packages.tombstone(retracted.version(2).retracted());
		ArticleEvents.Builder retractedWithoutTombstoneYet = ArticleEvents.article().categories("sport");
		this.packages.publish(retractedWithoutTombstoneYet.published());
		this.packages.publish(retractedWithoutTombstoneYet.version(2).retracted());

		this.packages.define(categories("sport", "sport"));

		List<TestRecord<String, byte[]>> sport = this.packages.records("sport");
		assertThat(sport).extracting(TestRecord::key)
			.containsExactlyInAnyOrder(edited.id().toString(), other.article().id().toString());
		assertThat(sport).filteredOn((record) -> record.key().equals(edited.id().toString()))
			.singleElement()
			.satisfies((record) -> {
				assertThat(record.value()).isEqualTo(latest);
				assertThat(header(record, ArticleEventHeaders.TYPE)).isEqualTo("article.updated");
				assertThat(header(record, ArticleEventHeaders.SOURCE)).isEqualTo(ArticleEventHeaders.SOURCE_VALUE);
			});
		assertThat(sport).filteredOn((record) -> record.key().equals(other.article().id().toString()))
			.singleElement()
			.satisfies((record) -> assertThat(record.value()).isEqualTo(otherValue));
	}

	@Test
	void articlesOfAPackageFilledLaterAreTombstonedThereWhenTheyLeave() {
		ArticleEvents.Builder article = ArticleEvents.article().categories("sport");
		this.packages.publish(article.published());
		this.packages.define(categories("sport", "sport"));
		this.packages.records("sport");

		this.packages.tombstone(article.published());

		assertThat(this.packages.records("sport")).extracting(TestRecord::value).containsExactly((byte[]) null);
	}

	@Test
	void packageIsFilledOnceItsTaskLooksAtTheDefinitions() {
		ArticleEvent event = ArticleEvents.article().categories("sport").published();
		this.packages.publish(event);

		this.packages.write(categories("sport", "sport"));
		assertThat(this.packages.outputTopics()).isEmpty();
		this.packages.fill();

		assertThat(this.packages.records("sport")).extracting(TestRecord::key)
			.containsExactly(event.article().id().toString());
	}

	@Test
	void changedRuleTombstonesWhatLeftAddsWhatEnteredAndLeavesTheRest() {
		ArticleEvent football = ArticleEvents.article().categories("football").published();
		ArticleEvent tennis = ArticleEvents.article().categories("tennis").published();
		ArticleEvent golf = ArticleEvents.article().categories("golf").published();
		List.of(football, tennis, golf).forEach(this.packages::publish);
		this.packages.define(categories("sport", "football", "tennis"));
		assertThat(this.packages.records("sport")).hasSize(2);

		this.packages.define(categories("sport", "tennis", "golf"));

		List<TestRecord<String, byte[]>> sport = this.packages.records("sport");
		assertThat(sport).hasSize(2);
		assertThat(sport).filteredOn((record) -> record.value() == null)
			.extracting(TestRecord::key)
			.containsExactly(football.article().id().toString());
		assertThat(sport).filteredOn((record) -> record.value() != null)
			.extracting(TestRecord::key)
			.containsExactly(golf.article().id().toString());

		ArticleEvent footballAgain = ArticleEvents.article().categories("football").published();
		this.packages.publish(footballAgain);
		assertThat(this.packages.records("sport")).isEmpty();
	}

	@Test
	void unchangedDefinitionWrittenAgainSendsNothing() {
		this.packages.define(categories("sport", "sport"));
		this.packages.publish(ArticleEvents.article().categories("sport").published());
		this.packages.records("sport");

		this.packages.define(categories("sport", "sport"));

		assertThat(this.packages.records("sport")).isEmpty();
	}

	@Test
	void removedPackageGetsNothingMore() {
		this.packages.define(categories("sport", "sport"));
		ArticleEvents.Builder article = ArticleEvents.article().categories("sport");
		this.packages.publish(article.published());
		this.packages.records("sport");

		this.packages.remove("sport");
		this.packages.publish(article.version(2).updated());
		this.packages.publish(ArticleEvents.article().categories("sport").published());
		this.packages.publish(article.version(3).retracted());
		this.packages.tombstone(article.version(3).retracted());

		assertThat(this.packages.records("sport")).isEmpty();
	}

	@Test
	void packageDefinedAgainAfterItsRemovalIsFilledAgain() {
		this.packages.define(categories("sport", "sport"));
		ArticleEvent event = ArticleEvents.article().categories("sport").published();
		this.packages.publish(event);
		this.packages.remove("sport");
		this.packages.records("sport");

		this.packages.define(categories("sport", "sport"));

		assertThat(this.packages.records("sport")).extracting(TestRecord::key)
			.containsExactly(event.article().id().toString());
	}

	@Test
	void invalidDefinitionLeavesThePackageAsItWas() {
		this.packages.define(categories("sport", "sport"));
		this.packages.define("sport", "{\"name\":\"sport\",\"format\":\"events\"}");
		this.packages.define("culture", "{not json");

		ArticleEvent event = ArticleEvents.article().categories("sport").published();
		this.packages.publish(event);

		assertThat(this.packages.records("sport")).extracting(TestRecord::key)
			.containsExactly(event.article().id().toString());
		assertThat(this.packages.outputTopics()).containsExactly(PackageTopics.of("sport"));
	}

	@Test
	void recordThatCannotBeReadGoesToTheDeadLetterTopicAndTheNextIsRouted() {
		this.packages.define(categories("sport", "sport"));
		RecordHeaders headers = new RecordHeaders();
		headers.add("ce_id", "not-an-event".getBytes(StandardCharsets.UTF_8));
		byte[] bad = "{\"type\":\"article.published\",\"eventId\":".getBytes(StandardCharsets.UTF_8);
		this.packages.publishRaw("article-1", bad, headers);
		ArticleEvent next = ArticleEvents.article().categories("sport").published();
		this.packages.publish(next);

		List<TestRecord<String, byte[]>> deadLetters = this.packages.deadLetters();
		assertThat(deadLetters).hasSize(1);
		TestRecord<String, byte[]> deadLetter = deadLetters.get(0);
		assertThat(deadLetter.key()).isEqualTo("article-1");
		assertThat(deadLetter.value()).isEqualTo(bad);
		assertThat(header(deadLetter, "ce_id")).isEqualTo("not-an-event");
		assertThat(header(deadLetter, PackageTopics.ERROR_HEADER)).isNotBlank();
		assertThat(header(deadLetter, PackageTopics.ORIGIN_HEADER)).isEqualTo("articles-0@0");
		assertThat(this.packages.records("sport")).extracting(TestRecord::key)
			.containsExactly(next.article().id().toString());
	}

	@Test
	void eventWithoutArticleGoesToTheDeadLetterTopic() {
		this.packages.define(categories("sport", "sport"));
		byte[] noArticle = "{\"type\":\"article.published\",\"eventId\":\"3f1c2a9e-8b7d-4e6f-a5c4-1b2d3e4f5a6b\"}"
			.getBytes(StandardCharsets.UTF_8);
		this.packages.publishRaw("article-1", noArticle, new RecordHeaders());

		assertThat(this.packages.deadLetters()).extracting(TestRecord::value).containsExactly(noArticle);
		assertThat(this.packages.outputTopics()).containsExactly(PackageTopics.DEAD_LETTER_TOPIC);
	}

	@Test
	void eventOfATypeThisVersionDoesNotKnowIsPassedOver() {
		this.packages.define(categories("sport", "sport"));
		byte[] unknown = "{\"type\":\"article.archived\",\"eventId\":\"3f1c2a9e-8b7d-4e6f-a5c4-1b2d3e4f5a6b\"}"
			.getBytes(StandardCharsets.UTF_8);
		this.packages.publishRaw("article-1", unknown, new RecordHeaders());

		assertThat(this.packages.outputTopics()).isEmpty();
	}

}
