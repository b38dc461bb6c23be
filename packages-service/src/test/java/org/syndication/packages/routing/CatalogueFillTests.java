package org.syndication.packages.routing;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.syndication.packages.routing.PackagesDriver.categories;

/**
 * A package filled from a back-catalogue larger than one batch: a batch at each
 * punctuation, while the articles that change meanwhile are routed as they come.
 */
class CatalogueFillTests {

	private final PackagesDriver packages = new PackagesDriver(2);

	@AfterEach
	void close() {
		this.packages.close();
	}

	@Test
	void backCatalogueIsFilledABatchAtATimeUntilEveryMatchingArticleIsSent() {
		List<ArticleEvents.Builder> sport = publishSport(5);

		this.packages.define(categories("sport", "sport"));
		assertThat(this.packages.records("sport")).extracting(TestRecord::key)
			.containsExactly(key(sport.get(0)), key(sport.get(1)));
		this.packages.fill();
		assertThat(this.packages.records("sport")).extracting(TestRecord::key)
			.containsExactly(key(sport.get(2)), key(sport.get(3)));
		this.packages.fill();
		assertThat(this.packages.records("sport")).extracting(TestRecord::key).containsExactly(key(sport.get(4)));

		// Filled: the package is routed as any other, and filled no more.
		this.packages.fill();
		assertThat(this.packages.records("sport")).isEmpty();
		this.packages.publish(sport.get(0).version(2).updated());
		assertThat(this.packages.records("sport")).hasSize(1);
	}

	@Test
	void articlesThePackageDoesNotTakeInCountInTheBatch() {
		List<ArticleEvents.Builder> sport = publishSport(2);
		List<ArticleEvents.Builder> culture = IntStream.range(0, 4)
			.mapToObj((i) -> ArticleEvents.article().categories("culture"))
			.toList();
		culture.forEach((article) -> this.packages.publish(article.published()));

		this.packages.define(categories("sport", "sport")).fill().fill();

		assertThat(this.packages.records("sport")).extracting(TestRecord::key)
			.containsExactlyInAnyOrder(key(sport.get(0)), key(sport.get(1)));
	}

	@Test
	void everyMatchingArticleIsSentOnceByTheEndOfTheFill() {
		List<ArticleEvents.Builder> sport = publishSport(5);

		this.packages.define(categories("sport", "sport")).fill().fill().fill();

		assertThat(this.packages.records("sport")).extracting(TestRecord::key)
			.containsExactlyInAnyOrderElementsOf(sport.stream().map((article) -> article.id().toString()).toList());
	}

	@Test
	void articleChangedWhileItsPackageIsBeingFilledIsRoutedAtOnceByTheNewDefinition() {
		List<ArticleEvents.Builder> sport = publishSport(5);
		this.packages.define(categories("sport", "sport"));
		this.packages.records("sport");
		ArticleEvents.Builder notYetFilled = sport.get(4);

		byte[] edited = this.packages.publish(notYetFilled.version(2).title("Final score").updated());

		assertThat(this.packages.records("sport")).extracting(TestRecord::value).containsExactly(edited);
	}

	@Test
	void articleEditedOutOfAPackageBeingFilledIsTombstonedIfItWasSent() {
		List<ArticleEvents.Builder> sport = publishSport(5);
		this.packages.define(categories("sport", "sport"));
		List<TestRecord<String, byte[]>> sent = this.packages.records("sport");
		ArticleEvents.Builder alreadySent = sport.get(0);
		ArticleEvents.Builder notYetFilled = sport.get(4);
		assertThat(sent).extracting(TestRecord::key).contains(alreadySent.id().toString());

		this.packages.publish(alreadySent.version(2).categories("culture").updated());
		this.packages.publish(notYetFilled.version(2).categories("culture").updated());
		this.packages.fill().fill().fill();

		List<TestRecord<String, byte[]>> after = this.packages.records("sport");
		assertThat(after).filteredOn((record) -> record.value() == null)
			.extracting(TestRecord::key)
			.containsExactly(alreadySent.id().toString());
		assertThat(after).extracting(TestRecord::key)
			.doesNotContain(notYetFilled.id().toString())
			.containsExactlyInAnyOrder(alreadySent.id().toString(), sport.get(2).id().toString(),
					sport.get(3).id().toString());
	}

	@Test
	void fillOfNoArticleAtATimeIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PackagesTopology.topology(PackagesTopology.FILL_INTERVAL, 0))
			.withMessageContaining("one article or more");
	}

	private static String key(ArticleEvents.Builder article) {
		return article.id().toString();
	}

	/**
	 * Publishes sport articles.
	 * @return the articles in the order of their keys, which a fill follows
	 */
	private List<ArticleEvents.Builder> publishSport(int count) {
		List<ArticleEvents.Builder> sport = IntStream.range(0, count)
			.mapToObj((i) -> ArticleEvents.article().categories("sport"))
			.sorted(Comparator.comparing((article) -> article.id().toString()))
			.toList();
		sport.forEach((article) -> this.packages.publish(article.published()));
		return sport;
	}

}
