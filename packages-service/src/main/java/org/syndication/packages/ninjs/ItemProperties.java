package org.syndication.packages.ninjs;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The properties of a ninjs item that {@link NinjsItems} and {@link ItemPicture} write
 * alike: each left out when its source is {@code null} or empty, as neither release
 * allows {@code null} or asks for empty arrays.
 */
final class ItemProperties {

	private ItemProperties() {
	}

	static void putTime(ObjectNode item, String property, Instant time) {
		if (time != null) {
			item.put(property, time.toString());
		}
	}

	/** One text (a headline, description or body) of a role, as the only one. */
	static void putText(ObjectNode item, NinjsVersion version, String property, String role, String contentType,
			String value) {
		if (value != null) {
			item.putArray(property)
				.addObject()
				.put("role", role)
				.put(version.property("contentType"), contentType)
				.put("value", value);
		}
	}

	/** The by-line, and one person for each author. */
	static void putAuthors(ObjectNode item, List<String> authors) {
		if (!authors.isEmpty()) {
			item.put("by", String.join(", ", authors));
			ArrayNode people = item.putArray("people");
			authors.forEach((author) -> people.addObject().put("name", author).put("rel", "author"));
		}
	}

	static void putSubjects(ObjectNode item, List<String> categories) {
		if (!categories.isEmpty()) {
			ArrayNode subjects = item.putArray("subjects");
			categories.forEach((category) -> subjects.addObject().put("name", category));
		}
	}

	/**
	 * An address as it is, once it is known to be an absolute URI.
	 * @param value the address
	 * @param what what the address is, for the exception's message
	 * @return the address
	 * @throws IllegalArgumentException if it is not an absolute URI
	 */
	static String absoluteUri(String value, String what) {
		try {
			if (new URI(value).isAbsolute()) {
				return value;
			}
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("The " + what + " is no URI: " + value, ex);
		}
		throw new IllegalArgumentException("The " + what + " is not absolute: " + value);
	}

}
