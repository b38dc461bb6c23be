package org.syndication.packages.definition;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Package definitions: which names and rules an operator may give, which articles a rule
 * takes in, and how a definition reads and writes on its topic.
 */
class PackageDefinitionTests {

	@ParameterizedTest
	@ValueSource(strings = { "sport", "a", "0-news", "partner_x-2",
			"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234" })
	void nameOfLowercaseLettersDigitsDashesAndUnderscoresIsAccepted(String name) {
		assertThat(categories(name, "sport").name()).isEqualTo(name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Sport", "-sport", "_sport", "sp.ort", "sp ort", "spört", "sport/x" })
	void nameOfOtherCharactersIsRefused(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> categories(name, "sport"))
			.withMessageContaining("'" + name + "'")
			.withMessageContaining("lowercase letters, digits");
	}

	@Test
	void nameLongerThanSixtyFourCharactersIsRefused() {
		String name = "a".repeat(65);
		assertThatIllegalArgumentException().isThrownBy(() -> categories(name, "sport"))
			.withMessageContaining("longer than 64");
	}

	@Test
	void missingNameIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> categories(null, "sport"))
			.withMessage("A package needs a name");
		assertThatIllegalArgumentException().isThrownBy(() -> categories("", "sport"))
			.withMessage("A package needs a name");
	}

	@Test
	void ruleNamingNothingIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PackageDefinition("all", Set.of(), null, Set.of(), PackageFormat.EVENTS))
			.withMessageContaining("'all' names no category, language or author");
	}

	@Test
	void blankRuleValueIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new PackageDefinition("sport", Set.of("sport"), Set.of(" "), Set.of(), PackageFormat.EVENTS))
			.withMessageContaining("blank language");
	}

	@Test
	void missingFormatIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PackageDefinition("sport", Set.of("sport"), Set.of(), Set.of(), null))
			.withMessageContaining("needs a format");
	}

	@Test
	void articleWithAnyCategoryOfTheRuleMatches() {
		PackageDefinition sport = new PackageDefinition("sport", Set.of("football", "tennis"), Set.of(), Set.of(),
				PackageFormat.EVENTS);
		assertThat(sport.matches(List.of("politics", "tennis"), "en", List.of())).isTrue();
		assertThat(sport.matches(List.of("politics"), "en", List.of())).isFalse();
		assertThat(sport.matches(List.of(), "en", List.of())).isFalse();
	}

	@Test
	void everyKindTheRuleNamesMustMatch() {
		PackageDefinition englishSportByAda = new PackageDefinition("x", Set.of("sport"), Set.of("en"),
				Set.of("Ada Lovelace"), PackageFormat.EVENTS);
		assertThat(englishSportByAda.matches(List.of("sport"), "en", List.of("Ada Lovelace", "Grace Hopper"))).isTrue();
		assertThat(englishSportByAda.matches(List.of("sport"), "fr", List.of("Ada Lovelace"))).isFalse();
		assertThat(englishSportByAda.matches(List.of("politics"), "en", List.of("Ada Lovelace"))).isFalse();
		assertThat(englishSportByAda.matches(List.of("sport"), "en", List.of("Grace Hopper"))).isFalse();
	}

	@Test
	void valuesAreComparedWithoutRegardToCase() {
		PackageDefinition politics = new PackageDefinition("politics", Set.of("politics"), Set.of(),
				Set.of("ada lovelace"), PackageFormat.EVENTS);
		assertThat(politics.matches(List.of("Politics"), "en", List.of("Ada Lovelace"))).isTrue();
	}

	@Test
	void languageIsARangeThatTakesInRegionalVariants() {
		PackageDefinition english = new PackageDefinition("english", Set.of(), Set.of("en"), Set.of(),
				PackageFormat.EVENTS);
		assertThat(english.matches(List.of(), "en-GB", List.of())).isTrue();
		assertThat(english.matches(List.of(), "EN", List.of())).isTrue();
		assertThat(english.matches(List.of(), "eo", List.of())).isFalse();
		assertThat(english.matches(List.of(), "eng", List.of())).isFalse();
		assertThat(english.matches(List.of(), null, List.of())).isFalse();
	}

	@Test
	void definitionReadsBackAsWritten() {
		PackageDefinition definition = new PackageDefinition("sport", Set.of("sport", "football"), Set.of("en"),
				Set.of(), PackageFormat.NINJS_2_2);
		byte[] json = PackageDefinitions.write(definition);
		assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(
				"{\"name\":\"sport\",\"categories\":[\"football\",\"sport\"],\"languages\":[\"en\"],\"authors\":[],\"format\":\"ninjs-2.2\"}");
		assertThat(PackageDefinitions.read("sport", json)).isEqualTo(definition);
	}

	@Test
	void theDefinitionTheOperatorsCommandWritesIsRead() {
		// As local-stack's 'packages add sport --categories sport,football --languages
		// en'
		// writes it (PackagesTests there checks the same bytes).
		PackageDefinition definition = PackageDefinitions.read("sport",
				bytes("{\"name\":\"sport\",\"categories\":[\"sport\",\"football\"],\"languages\":[\"en\"],"
						+ "\"authors\":[],\"format\":\"events\"}"));
		assertThat(definition).isEqualTo(new PackageDefinition("sport", Set.of("sport", "football"), Set.of("en"),
				Set.of(), PackageFormat.EVENTS));
	}

	@Test
	void definitionWithoutSomeKindsReadsThemAsEmpty() {
		PackageDefinition definition = PackageDefinitions.read("sport",
				bytes("{\"name\":\"sport\",\"categories\":[\"sport\"],\"format\":\"ninjs\"}"));
		assertThat(definition)
			.isEqualTo(new PackageDefinition("sport", Set.of("sport"), Set.of(), Set.of(), PackageFormat.NINJS));
	}

	@Test
	void invalidDefinitionOnTheTopicIsRefusedWithTheReason() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PackageDefinitions.read("all", bytes("{\"name\":\"all\",\"format\":\"events\"}")))
			.withMessageContaining("names no category, language or author");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PackageDefinitions.read("Sport",
					bytes("{\"name\":\"Sport\",\"categories\":[\"sport\"],\"format\":\"events\"}")))
			.withMessageContaining("lowercase letters");
	}

	@Test
	void definitionUnderAnotherPackagesKeyIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PackageDefinitions.read("news",
					bytes("{\"name\":\"sport\",\"categories\":[\"sport\"],\"format\":\"events\"}")))
			.withMessageContaining("under the key 'news'");
	}

	@Test
	void misspeltPropertyOrUnknownFormatOrNoJsonIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PackageDefinitions.read("sport",
					bytes("{\"name\":\"sport\",\"category\":[\"sport\"],\"format\":\"events\"}")))
			.withMessageStartingWith("Not a package definition");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PackageDefinitions.read("sport",
					bytes("{\"name\":\"sport\",\"categories\":[\"sport\"],\"format\":\"rss\"}")))
			.withMessageStartingWith("Not a package definition");
		assertThatIllegalArgumentException().isThrownBy(() -> PackageDefinitions.read("sport", bytes("{not json")))
			.withMessageStartingWith("Not a package definition");
	}

	private static PackageDefinition categories(String name, String... categories) {
		return new PackageDefinition(name, Set.of(categories), Set.of(), Set.of(), PackageFormat.EVENTS);
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

}
