package org.syndication.notifier.digest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How often a subscriber hears from the notifier: an alert per article, or one digest a
 * day or a week. Written in lower case in the API, the forms and the database.
 */
public enum Frequency {

	IMMEDIATE, DAILY, WEEKLY;

	/**
	 * The name used in the API and the forms: {@code immediate}, {@code daily},
	 * {@code weekly}.
	 */
	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The frequency with that name, exactly as {@link #value()} writes it.
	 * @param value a name from a request
	 * @return the frequency, or empty for anything else
	 */
	public static Optional<Frequency> of(String value) {
		return Arrays.stream(values()).filter((frequency) -> frequency.value().equals(value)).findFirst();
	}

}
