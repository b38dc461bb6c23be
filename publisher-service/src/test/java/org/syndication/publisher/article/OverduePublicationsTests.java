package org.syndication.publisher.article;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.autoconfigure.json.AutoConfigureJson;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gauges of overdue scheduled articles, on the article table, at a fixed time: no
 * scheduler runs here, so an article whose time has passed stays unpublished.
 */
@JdbcTest
@AutoConfigureJson
@Import({ ArticleRepository.class, OverduePublications.class, OverduePublicationsTests.FixedTime.class })
class OverduePublicationsTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

	@Autowired
	private ArticleRepository articles;

	@Autowired
	private OverduePublications overdue;

	@Autowired
	private MeterRegistry meters;

	@Test
	void aScheduledArticlePastItsTimeIsOverdueByHowLongItHasBeenDue() {
		this.overdue.refresh();
		assertThat(gauge("publisher.scheduled.overdue")).isZero();
		assertThat(gauge("publisher.scheduled.overdue.age")).isZero();

		this.articles.insert(scheduled(NOW.minusSeconds(90)));
		this.articles.insert(scheduled(NOW.plusSeconds(60)));
		assertThat(gauge("publisher.scheduled.overdue")).as("read on refresh only").isZero();

		this.overdue.refresh();
		assertThat(gauge("publisher.scheduled.overdue")).isEqualTo(1);
		assertThat(gauge("publisher.scheduled.overdue.age")).isEqualTo(90);
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

	private static Article scheduled(Instant publishedAt) {
		UUID id = UUID.randomUUID();
		return new Article(id, 1, ArticleStatus.SCHEDULED, "Title", "Summary", "<p>Body</p>",
				"https://example.org/" + id, List.of("Ada Lovelace"), List.of("science"), "en", false, null,
				publishedAt, NOW.minusSeconds(3600), NOW.minusSeconds(3600));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedTime {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
