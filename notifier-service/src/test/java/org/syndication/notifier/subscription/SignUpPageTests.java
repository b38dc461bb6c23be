package org.syndication.notifier.subscription;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.digest.Frequency;
import org.syndication.web.ProblemHandler;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sign-up page over its controller alone, with the subscription service and the rate
 * limiter standing in. Its CSRF protection is tested with the whole service
 * ({@code SignUpSecurityTests}), so this slice runs without the filters.
 */
@WebMvcTest(controllers = SignUpPage.class,
		properties = { "notifier.token-secret=test-secret-test-secret-test-secret-42", "notifier.time-zone=Asia/Tokyo",
				"notifier.publication-name=The Daily Example", "notifier.digest.daily-at=06:30",
				"notifier.digest.weekly-on=SATURDAY" })
@EnableConfigurationProperties(NotifierProperties.class)
@Import(ProblemHandler.class)
@AutoConfigureMockMvc(addFilters = false)
class SignUpPageTests {

	private static final List<String> KNOWN = List.of("<b>arts</b>", "culture", "politics", "science, tech");

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private SubscriptionService subscriptions;

	@MockitoBean
	private SubscribeRateLimiter rateLimiter;

	@BeforeEach
	void knownCategoriesAndNoLimit() {
		given(this.subscriptions.knownCategories()).willReturn(KNOWN);
		given(this.rateLimiter.acquire(anyString())).willReturn(Duration.ZERO);
	}

	@Test
	void theFormNamesThePublicationOffersTheKnownCategoriesAndIsNeverCached() throws Exception {
		Document page = page(this.mvc.perform(get("/subscribe"))
			.andExpect(status().isOk())
			.andExpect(content().contentType("text/html;charset=UTF-8"))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store")));

		assertThat(page.title()).isEqualTo("Subscribe to The Daily Example");
		assertThat(page.select("h1").text()).isEqualTo("Subscribe to The Daily Example");
		Element form = page.selectFirst("form");
		assertThat(form.attr("method")).isEqualTo("post");
		assertThat(form.attr("action")).isEqualTo("/subscribe");
		assertThat(labelOf(page, "email")).isEqualTo("Email address");
		assertThat(page.selectFirst("#email").attr("type")).isEqualTo("email");
		assertThat(page.select("input[name=categories]").eachAttr("value")).isEqualTo(KNOWN);
		assertThat(page.select("input[name=categories][checked]")).isEmpty();
		assertThat(page.select("label.choice").eachText()).contains("<b>arts</b>", "science, tech");
		assertThat(page.select("b")).isEmpty();
		assertThat(page.text()).contains("Tick none to get every article.");
		assertThat(page.select("input[name=frequency]").eachAttr("value")).containsExactly("immediate", "daily",
				"weekly");
		assertThat(page.selectFirst("input[name=frequency][checked]").parent().text())
			.isEqualTo("Immediately, one email per article");
		assertThat(page.select("label.choice").eachText()).contains("A daily digest, at 06:30",
				"A weekly digest, on Saturdays at 07:00");
		assertThat(labelOf(page, "timeZone")).isEqualTo("Time zone of the digest (optional)");
		assertThat(page.selectFirst("#timeZone-hint").text()).endsWith("Leave it empty for Asia/Tokyo.");
		assertThat(page.selectFirst("#timeZone").attr("aria-describedby")).isEqualTo("timeZone-hint");
		assertThat(page.select("[aria-invalid]")).isEmpty();
		assertThat(page.select(".error-summary")).isEmpty();
	}

	@Test
	void theHoneypotIsLabelledAndOutOfTheWayOfPeople() throws Exception {
		Document page = page(this.mvc.perform(get("/subscribe")).andExpect(status().isOk()));
		Element honeypot = page.selectFirst("input[name=website]");
		assertThat(labelOf(page, "website")).isEqualTo("Leave this field empty");
		assertThat(honeypot.attr("tabindex")).isEqualTo("-1");
		assertThat(honeypot.attr("autocomplete")).isEqualTo("off");
		assertThat(honeypot.parent().hasClass("visually-hidden")).isTrue();
	}

	@Test
	void withoutKnownCategoriesThePageSaysEveryArticleComes() throws Exception {
		given(this.subscriptions.knownCategories()).willReturn(List.of());
		Document page = page(this.mvc.perform(get("/subscribe")).andExpect(status().isOk()));
		assertThat(page.select("input[name=categories]")).isEmpty();
		assertThat(page.text()).contains("You will get every article");
	}

	@Test
	void aValidFormSubscribesAndAnswersCheckYourInbox() throws Exception {
		Document page = page(this.mvc
			.perform(form().param("email", " ada@example.org ")
				.param("categories", "politics", "science, tech")
				.param("frequency", "daily")
				.param("timeZone", " Europe/Berlin ")
				.param("website", ""))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store")));

		assertThat(page.title()).isEqualTo("Check your inbox");
		assertThat(page.text()).doesNotContain("ada@example.org");
		then(this.subscriptions).should()
			.subscribe("ada@example.org", List.of("politics", "science, tech"), Frequency.DAILY,
					ZoneId.of("Europe/Berlin"));
	}

	@Test
	void anAddressAloneAsksForEveryArticleAtOnceInTheNotifiersTimeZone() throws Exception {
		this.mvc.perform(form().param("email", "ada@example.org")).andExpect(status().isOk());
		this.mvc.perform(form().param("email", "bob@example.org").param("frequency", "weekly").param("timeZone", ""))
			.andExpect(status().isOk());
		then(this.subscriptions).should().subscribe("ada@example.org", List.of(), Frequency.IMMEDIATE, null);
		then(this.subscriptions).should().subscribe("bob@example.org", List.of(), Frequency.WEEKLY, null);
	}

	@Test
	void theAnswerIsTheSameWhateverTheAddress() throws Exception {
		String first = this.mvc.perform(form().param("email", "new@example.org"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String second = this.mvc.perform(form().param("email", "confirmed@example.org"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(second).isEqualTo(first);
	}

	@ParameterizedTest(name = "{0} = \"{1}\"")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			email     | ""                                | Enter your email address.
			email     | "   "                             | Enter your email address.
			email     | not an address                    | Enter an email address such as name@example.org.
			email     | a@b                               | Enter an email address such as name@example.org.
			email     | Ada <ada@example.org>             | Enter an email address such as name@example.org.
			email     | ada@example.org\\r\\nBcc: x@example.org | Enter an email address such as name@example.org.
			categories| "  "                              | A category name has 1 to 100 characters
			categories| news\\r\\nBcc: x@example.org       | A category name has 1 to 100 characters
			categories| a\\tb                             | A category name has 1 to 100 characters
			frequency | hourly                            | Choose immediately, daily or weekly.
			frequency | Daily                             | Choose immediately, daily or weekly.
			timeZone  | Mars/Olympus_Mons                 | Not a time zone
			timeZone  | +02:00                            | Not a time zone
			timeZone  | europe/berlin                     | Not a time zone
			""")
	void aMistakeIsShownNextToItsFieldAndNothingIsSubscribed(String field, String value, String message)
			throws Exception {
		String sent = value.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
		MockHttpServletRequestBuilder request = form().param(field, sent);
		if (!field.equals("email")) {
			request.param("email", "ada@example.org");
		}
		Document page = page(this.mvc.perform(request).andExpect(status().isBadRequest()));

		assertThat(page.title()).isEqualTo("Error: Subscribe to The Daily Example");
		assertThat(page.selectFirst("#" + field + "-error").text()).contains(message);
		assertThat(page.select(".error")).hasSize(1);
		Element input = page.selectFirst("#" + field);
		assertThat(input.attr("aria-invalid")).isEqualTo("true");
		Element described = field.equals("email") || field.equals("timeZone") ? input : input.closest("fieldset");
		assertThat(described.attr("aria-describedby")).contains(field + "-error");
		assertThat(page.selectFirst(".error-summary a").attr("href")).isEqualTo("#" + field);
		then(this.subscriptions).should(never()).subscribe(anyString(), any(), any(), any());
		then(this.rateLimiter).should(never()).acquire(anyString());
	}

	@Test
	void tooManyOrTooLongCategoriesAreRefused() throws Exception {
		String[] many = new String[51];
		for (int i = 0; i < many.length; i++) {
			many[i] = "category " + i;
		}
		Document tooMany = page(this.mvc.perform(form().param("email", "ada@example.org").param("categories", many))
			.andExpect(status().isBadRequest()));
		assertThat(tooMany.selectFirst("#categories-error").text()).contains("Choose at most 50 categories.");

		Document tooLong = page(
				this.mvc.perform(form().param("email", "ada@example.org").param("categories", "x".repeat(101)))
					.andExpect(status().isBadRequest()));
		assertThat(tooLong.selectFirst("#categories-error").text()).contains("1 to 100 characters");

		this.mvc
			.perform(form().param("email", "ada@example.org")
				.param("categories", "x".repeat(100))
				.param("categories", List.of(many).subList(0, 49).toArray(String[]::new)))
			.andExpect(status().isOk());
		then(this.subscriptions).should().subscribe(anyString(), any(), any(), any());
	}

	@Test
	void aCategoryNoArticleCameWithComesBackAsAMistakeOfTheCategories() throws Exception {
		willThrow(new UnknownCategoryException(List.of("evil.example"))).given(this.subscriptions)
			.subscribe(anyString(), any(), any(), any());
		Document page = page(this.mvc
			.perform(form().param("email", "ada@example.org").param("categories", "politics", "evil.example"))
			.andExpect(status().isBadRequest()));

		assertThat(page.selectFirst("#categories-error").text()).contains("Choose among the categories listed.");
		assertThat(page.select("a[href*=evil]")).isEmpty();
	}

	@Test
	void aFormWithAMistakeComesBackAsItWasFilledIn() throws Exception {
		Document page = page(this.mvc
			.perform(form().param("email", "ada at example.org")
				.param("categories", "politics", "gardening")
				.param("frequency", "weekly")
				.param("timeZone", "America/New_York"))
			.andExpect(status().isBadRequest())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store")));

		assertThat(page.selectFirst("#email").attr("value")).isEqualTo("ada at example.org");
		assertThat(page.select("input[name=categories][checked]").eachAttr("value")).containsExactly("politics",
				"gardening");
		assertThat(page.select("input[name=categories]").eachAttr("value")).containsExactly("<b>arts</b>", "culture",
				"politics", "science, tech", "gardening");
		assertThat(page.select("input[name=frequency][checked]").eachAttr("value")).containsExactly("weekly");
		assertThat(page.selectFirst("#timeZone").attr("value")).isEqualTo("America/New_York");
		assertThat(page.selectFirst(".error-summary").attr("role")).isEqualTo("alert");
		assertThat(page.selectFirst("#email").attr("aria-describedby")).isEqualTo("email-error");
		assertThat(page.select("[aria-invalid]").eachAttr("id")).containsExactly("email");
	}

	@Test
	void aFilledHoneypotGetsTheSameAnswerAndSubscribesNothing() throws Exception {
		String person = this.mvc.perform(form().param("email", "ada@example.org"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		then(this.subscriptions).should().subscribe(anyString(), any(), any(), any());
		String bot = this.mvc.perform(form().param("email", "ada@example.org").param("website", "https://spam.example"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(bot).isEqualTo(person);
		then(this.subscriptions).shouldHaveNoMoreInteractions();
		then(this.rateLimiter).should().acquire(anyString());
	}

	@Test
	void aClientOverItsRateIsToldWhenToComeBackAndNothingIsSubscribed() throws Exception {
		given(this.rateLimiter.acquire(anyString())).willReturn(Duration.ofMillis(12_300));
		Document page = page(this.mvc.perform(form().param("email", "ada@example.org"))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, "13"))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
			.andExpect(content().contentType("text/html;charset=UTF-8")));
		assertThat(page.select("h1").text()).isEqualTo("Too many requests");
		assertThat(page.text()).contains("Try again in 13 seconds.");
		assertThat(page.selectFirst("a").attr("href")).isEqualTo("/subscribe");
		then(this.subscriptions).should(never()).subscribe(anyString(), any(), any(), any());
	}

	@Test
	void theRefusalForAMissingTokenTellsWhatToDo() throws Exception {
		Document page = page(this.mvc.perform(post("/subscribe/refused"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType("text/html;charset=UTF-8")));
		assertThat(page.select("h1").text()).isEqualTo("Please send the form again");
		assertThat(page.text()).contains("cookie");
		assertThat(page.selectFirst("a").attr("href")).isEqualTo("/subscribe");
	}

	private static MockHttpServletRequestBuilder form() {
		return post("/subscribe").contentType(MediaType.APPLICATION_FORM_URLENCODED);
	}

	private static Document page(ResultActions result) throws Exception {
		return Jsoup.parse(result.andReturn().getResponse().getContentAsString());
	}

	private static String labelOf(Document page, String id) {
		return page.selectFirst("label[for=" + id + "]").text();
	}

}
