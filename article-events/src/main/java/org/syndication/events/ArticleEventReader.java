package org.syndication.events;

import java.util.Optional;
import java.util.function.BiConsumer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the value of a record on the {@value ArticleEventHeaders#TOPIC} topic as this
 * version of the contract means it to be read. Producers may add event types without a
 * new version of the contract, so an event of a type this version does not know is
 * skipped, not refused; a value that is no article event at all is refused.
 * <p>
 * It needs Jackson 3 ({@code tools.jackson.core:jackson-databind}), an optional
 * dependency of this module: those who read with Jackson 2 or another library use the
 * records alone.
 */
public final class ArticleEventReader {

	private final JsonMapper json;

	private final BiConsumer<String, String> skipped;

	/**
	 * A reader.
	 * @param json the mapper to read with
	 * @param skipped told the {@code eventId} (empty if there is none) and the type of
	 * each event skipped for its unknown type, for the consumer's log
	 */
	public ArticleEventReader(JsonMapper json, BiConsumer<String, String> skipped) {
		this.json = json;
		this.skipped = skipped;
	}

	/**
	 * Reads one record's value.
	 * @param value the value, UTF-8 JSON
	 * @return the event; empty if its type is one this version of the contract does not
	 * know
	 * @throws IllegalArgumentException if the value is no article event: not an object,
	 * no type, or no {@code eventId}, {@code article} or {@code article.id}, which every
	 * consumer needs to deduplicate and to key on
	 * @throws JacksonException if the value is not JSON, or a field is not of its type
	 */
	public Optional<ArticleEvent> read(byte[] value) {
		JsonNode tree = this.json.readTree(value);
		JsonNode type = tree.path("type");
		if (!tree.isObject() || !type.isString()) {
			throw new IllegalArgumentException("Not an article event: no type");
		}
		if (ArticleEventType.find(type.asString()).isEmpty()) {
			this.skipped.accept(tree.path("eventId").asString(""), type.asString());
			return Optional.empty();
		}
		ArticleEvent event = this.json.treeToValue(tree, ArticleEvent.class);
		if (event.eventId() == null || event.article() == null || event.article().id() == null) {
			throw new IllegalArgumentException("Event without eventId or article id");
		}
		return Optional.of(event);
	}

}
