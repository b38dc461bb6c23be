package org.syndication.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ArticleEventReaderTests {

	private final List<String> skipped = new ArrayList<>();

	private final ArticleEventReader reader = new ArticleEventReader(JsonMapper.builder().build(),
			(eventId, type) -> this.skipped.add(eventId + " " + type));

	@Test
	void eventsOfEveryKnownTypeAreReadAsTheProducerWroteThem() throws IOException {
		assertThat(this.reader.read(golden("article-published.json"))).get()
			.extracting(ArticleEvent::type)
			.isEqualTo(ArticleEventType.PUBLISHED);
		assertThat(this.reader.read(golden("article-updated.json"))).get()
			.extracting(ArticleEvent::type)
			.isEqualTo(ArticleEventType.UPDATED);
		assertThat(this.reader.read(golden("article-retracted.json"))).get()
			.extracting(ArticleEvent::type)
			.isEqualTo(ArticleEventType.RETRACTED);
		assertThat(this.reader.read(golden("article-published-with-extra-fields.json"))).isPresent();
		assertThat(this.reader.read(golden("article-published.json"))).get()
			.extracting((event) -> event.article().breaking())
			.isEqualTo(false);
		assertThat(this.reader.read(golden("article-published-breaking.json"))).get()
			.extracting((event) -> event.article().breaking())
			.isEqualTo(true);
		assertThat(this.reader.read(golden("article-published-with-image.json"))).get()
			.extracting((event) -> event.article().image().url())
			.isEqualTo("https://images.example.com/lighthouse.jpg");
		assertThat(this.skipped).isEmpty();
	}

	@Test
	void anEventOfATypeOnlyANewerProducerKnowsIsSkippedAndReported() {
		byte[] archived = """
				{"eventId": "3f1c2a9e-8b7d-4e6f-a5c4-1b2d3e4f5a6b", "type": "article.archived",
				 "occurredAt": "2026-11-23T10:15:30Z", "archive": {"shelf": 7}}""".getBytes(StandardCharsets.UTF_8);

		assertThat(this.reader.read(archived)).isEmpty();
		assertThat(this.skipped).containsExactly("3f1c2a9e-8b7d-4e6f-a5c4-1b2d3e4f5a6b article.archived");
	}

	@Test
	void aValueWithoutATypeIsNoEvent() {
		for (String value : List.of("[]", "\"article.published\"", "{}", "{\"type\": 42}", "{\"type\": null}")) {
			assertThatIllegalArgumentException().as(value).isThrownBy(() -> this.reader.read(bytes(value)));
		}
		assertThat(this.skipped).isEmpty();
	}

	@Test
	void anEventWithoutItsIdsIsRefused() {
		String article = "{\"id\": \"" + ArticleEvents.ARTICLE_ID + "\", \"version\": 1}";
		String eventId = "\"eventId\": \"3f1c2a9e-8b7d-4e6f-a5c4-1b2d3e4f5a6b\"";
		for (String value : List.of("{\"type\": \"article.published\", \"article\": " + article + "}",
				"{\"type\": \"article.published\", " + eventId + "}",
				"{\"type\": \"article.updated\", " + eventId + ", \"article\": {\"version\": 2}}")) {
			assertThatIllegalArgumentException().as(value).isThrownBy(() -> this.reader.read(bytes(value)));
		}
	}

	@Test
	void aValueThatIsNotJsonOrHasAFieldOfTheWrongShapeIsRefused() {
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> this.reader.read(bytes("<html>not an event")));
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> this.reader.read(bytes(
				"{\"type\": \"article.published\", \"eventId\": \"not a uuid\", \"article\": {\"version\": 1}}")));
	}

	private static byte[] golden(String name) throws IOException {
		try (InputStream in = ArticleEventReaderTests.class.getResourceAsStream("/golden/v1/" + name)) {
			return in.readAllBytes();
		}
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
