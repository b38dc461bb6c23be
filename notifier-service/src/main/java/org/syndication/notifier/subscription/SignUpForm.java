package org.syndication.notifier.subscription;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.syndication.notifier.digest.Frequency;

import org.springframework.util.MultiValueMap;

/**
 * The sign-up form as posted, every field as it came, so that a form with mistakes can be
 * shown again as it was filled in. Its rules are those of {@link SubscribeRequest}.
 *
 * @param email the address, as typed
 * @param categories the ticked categories; none means every article
 * @param frequency {@code immediate}, {@code daily} or {@code weekly}; {@code null} when
 * none was sent, which means {@code immediate}
 * @param timeZone the IANA time zone of the digest hour, as typed; empty for the
 * notifier's own
 * @param website the honeypot: people leave it empty, as its label asks, and many bots
 * fill in whatever they find
 */
record SignUpForm(String email, List<String> categories, String frequency, String timeZone, String website) {

	private static final int MAX_CATEGORIES = 50;

	private static final int MAX_CATEGORY_LENGTH = 100;

	private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cc}");

	/** The form as a new visitor sees it. */
	static final SignUpForm EMPTY = new SignUpForm("", List.of(), Frequency.IMMEDIATE.value(), "", "");

	SignUpForm {
		email = Objects.requireNonNullElse(email, "");
		categories = (categories != null) ? List.copyOf(categories) : List.of();
		timeZone = Objects.requireNonNullElse(timeZone, "");
		website = Objects.requireNonNullElse(website, "");
	}

	/**
	 * Reads the posted form. The categories are read as the values sent: bound to a list,
	 * a single value would be split at its commas.
	 * @param parameters the request's parameters
	 * @return the form
	 */
	static SignUpForm of(MultiValueMap<String, String> parameters) {
		return new SignUpForm(parameters.getFirst("email"), parameters.get("categories"),
				parameters.getFirst("frequency"), parameters.getFirst("timeZone"), parameters.getFirst("website"));
	}

	/** Whether the honeypot was filled in. */
	boolean isFromABot() {
		return !this.website.isEmpty();
	}

	/**
	 * What is wrong with the form, by field, in the order of the form.
	 * @return a message for each field in error; empty if the form is valid
	 */
	Map<String, String> errors() {
		Map<String, String> errors = new LinkedHashMap<>();
		String address = address();
		if (address.isEmpty()) {
			errors.put("email", "Enter your email address.");
		}
		else if (!EmailAddress.Validator.isValid(address)) {
			errors.put("email", "Enter an email address such as name@example.org.");
		}
		if (this.categories.size() > MAX_CATEGORIES) {
			errors.put("categories", "Choose at most " + MAX_CATEGORIES + " categories.");
		}
		else if (!this.categories.stream().allMatch(SignUpForm::isCategoryName)) {
			errors.put("categories", "A category name has 1 to " + MAX_CATEGORY_LENGTH
					+ " characters and no line breaks or control characters.");
		}
		if (this.frequency != null && Frequency.of(this.frequency).isEmpty()) {
			errors.put("frequency", "Choose immediately, daily or weekly.");
		}
		String zone = this.timeZone.strip();
		if (!zone.isEmpty() && !TimeZoneName.Validator.isValid(zone)) {
			errors.put("timeZone",
					"Not a time zone: use a name such as Europe/Berlin or America/New_York, or leave it empty.");
		}
		return errors;
	}

	/** The address without the spaces around it that phones and pasting add. */
	String address() {
		return this.email.strip();
	}

	/** The frequency asked for; alerts when none was. Only for a valid form. */
	Frequency wantedFrequency() {
		return (this.frequency != null) ? Frequency.of(this.frequency).orElseThrow() : Frequency.IMMEDIATE;
	}

	/**
	 * The zone asked for, or {@code null} for the notifier's own. Only for a valid form.
	 */
	ZoneId wantedTimeZone() {
		String zone = this.timeZone.strip();
		return zone.isEmpty() ? null : ZoneId.of(zone);
	}

	/** As the API's {@code @NotBlank @Size(max = 100)} and no control characters. */
	private static boolean isCategoryName(String category) {
		return !category.trim().isEmpty() && category.length() <= MAX_CATEGORY_LENGTH
				&& !CONTROL_CHARACTERS.matcher(category).find();
	}

}
