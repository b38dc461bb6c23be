package org.syndication.events;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The kind of change an {@link ArticleEvent} reports. On the wire it is the dotted name
 * ({@code article.published}), which is also the CloudEvents {@code ce_type}.
 */
public enum ArticleEventType {

	/**
	 * The article became visible: created live, a draft went live, or a schedule came
	 * due.
	 */
	@JsonProperty("article.published")
	PUBLISHED("article.published"),

	/** A published article changed; its id stays the same. */
	@JsonProperty("article.updated")
	UPDATED("article.updated"),

	/** The article was withdrawn; a tombstone for its key follows. */
	@JsonProperty("article.retracted")
	RETRACTED("article.retracted");

	private final String value;

	ArticleEventType(String value) {
		this.value = value;
	}

	/**
	 * The wire name of this type.
	 * @return the dotted name, for example {@code article.published}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Reads a wire name.
	 * @param value the dotted name
	 * @return the matching type
	 * @throws IllegalArgumentException if the name is not one of the known types
	 */
	public static ArticleEventType fromValue(String value) {
		return find(value).orElseThrow(() -> new IllegalArgumentException("Unknown article event type: " + value));
	}

	/**
	 * Reads a wire name that may come from a newer producer. Producers may add event
	 * types without a new version of the contract, and consumers skip the ones they do
	 * not know, so an unknown name is no error.
	 * @param value the dotted name, or {@code null}
	 * @return the matching type, or empty if this version of the contract does not know
	 * the name
	 */
	public static Optional<ArticleEventType> find(String value) {
		return Arrays.stream(values()).filter((type) -> type.value.equals(value)).findFirst();
	}

}
