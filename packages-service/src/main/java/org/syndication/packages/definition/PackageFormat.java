package org.syndication.packages.definition;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the records of a package's topic hold.
 */
public enum PackageFormat {

	/**
	 * The article events themselves, value and headers as on the articles topic: the same
	 * contract, restricted to the package's articles.
	 */
	@JsonProperty("events")
	EVENTS("events"),

	/** The article as an IPTC ninjs 3.1 news item. */
	@JsonProperty("ninjs")
	NINJS("ninjs"),

	/** The article as an IPTC ninjs 2.2 news item, for systems still on the 2.x line. */
	@JsonProperty("ninjs-2.2")
	NINJS_2_2("ninjs-2.2");

	private final String value;

	PackageFormat(String value) {
		this.value = value;
	}

	/**
	 * The name of the format in a definition.
	 * @return for example {@code events}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Reads a format's name.
	 * @param value the name
	 * @return the format
	 * @throws IllegalArgumentException if no format has that name
	 */
	public static PackageFormat fromValue(String value) {
		return Arrays.stream(values())
			.filter((format) -> format.value.equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"Unknown package format '" + value + "': one of events, ninjs, ninjs-2.2"));
	}

}
