package org.syndication.notifier.subscription;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.digest.Frequency;
import org.syndication.notifier.links.LinkPurpose;
import org.syndication.notifier.subscription.Subscriber.SubscriberStatus;
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

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The subscription API and pages over their controllers alone, with the subscription
 * service standing in: no database, no Kafka, no mail. The security chain is tested with
 * the whole service, so this slice runs without the filters.
 */
@WebMvcTest(controllers = { SubscriptionController.class, SubscriptionPages.class },
		properties = { "notifier.token-secret=test-secret-test-secret-test-secret-42",
				"notifier.time-zone=Asia/Tokyo" })
@EnableConfigurationProperties(NotifierProperties.class)
@Import(ProblemHandler.class)
@AutoConfigureMockMvc(addFilters = false)
class SubscriptionWebTests {

	private static final Subscription ADA = new Subscription(UUID.randomUUID(), "ada@example.org",
			SubscriberStatus.CONFIRMED, List.of("politics", "<b>bold</b>"), Frequency.DAILY,
			ZoneId.of("Europe/Berlin"));

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private SubscriptionService subscriptions;

	@MockitoBean
	private SubscribeRateLimiter rateLimiter;

	@Test
	void aValidSubscriptionIsAcceptedWithTheSameAnswerWhoeverAsks() throws Exception {
		given(this.rateLimiter.acquire(anyString())).willReturn(Duration.ZERO);
		this.mvc
			.perform(post("/api/subscriptions").contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"ada@example.org\", \"categories\": [\"politics\"]}"))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.status").value("accepted"));
		then(this.subscriptions).should().subscribe("ada@example.org", List.of("politics"), Frequency.IMMEDIATE, null);
	}

	@Test
	void aSubscriptionMayAskForADigestInItsOwnTimeZone() throws Exception {
		given(this.rateLimiter.acquire(anyString())).willReturn(Duration.ZERO);
		this.mvc.perform(post("/api/subscriptions").contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\": \"ada@example.org\", \"frequency\": \"weekly\", \"timeZone\": \"America/New_York\"}"))
			.andExpect(status().isAccepted());
		then(this.subscriptions).should()
			.subscribe("ada@example.org", null, Frequency.WEEKLY, ZoneId.of("America/New_York"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			"frequency": "hourly"               | frequency
			"frequency": "Daily"                | frequency
			"frequency": 1                      | frequency
			"timeZone": "Mars/Olympus_Mons"     | timeZone
			"timeZone": "+02:00"                | timeZone
			"timeZone": "europe/berlin"         | timeZone
			"timeZone": true                    | timeZone
			""")
	void anUnknownPreferenceIsAProblemNamingTheFieldAndNothingIsSubscribed(String member, String field)
			throws Exception {
		given(this.rateLimiter.acquire(anyString())).willReturn(Duration.ZERO);
		this.mvc
			.perform(post("/api/subscriptions").contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"ada@example.org\", " + member + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(content().string(containsString("\"" + field + "\"")));
		then(this.subscriptions).should(never()).subscribe(anyString(), any(), any(), any());
	}

	@Test
	void aClientOverItsRateIsToldWhenToComeBackAndNothingIsSubscribed() throws Exception {
		given(this.rateLimiter.acquire(anyString())).willReturn(Duration.ofMillis(12_300));
		this.mvc
			.perform(post("/api/subscriptions").contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"ada@example.org\"}"))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, "13"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		then(this.subscriptions).should(never()).subscribe(anyString(), any(), any(), any());
	}

	@Test
	void aCategoryNoArticleCameWithIsAProblemNamingTheFieldWithoutRepeatingTheName() throws Exception {
		given(this.rateLimiter.acquire(anyString())).willReturn(Duration.ZERO);
		willThrow(new UnknownCategoryException(List.of("see https://evil.example"))).given(this.subscriptions)
			.subscribe(anyString(), any(), any(), any());
		this.mvc
			.perform(post("/api/subscriptions").contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"ada@example.org\", \"categories\": [\"see https://evil.example\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("categories"))
			.andExpect(content().string(not(containsString("evil"))));
	}

	@Test
	void anInvalidAddressIsAProblemNamingTheFieldAndNothingIsSubscribed() throws Exception {
		given(this.rateLimiter.acquire(anyString())).willReturn(Duration.ZERO);
		this.mvc
			.perform(post("/api/subscriptions").contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"not an address\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("email"));
		then(this.subscriptions).should(never()).subscribe(anyString(), any(), any(), any());
	}

	@Test
	void theManagePageShowsTheSubscriptionAsTextAndIsNeverCached() throws Exception {
		given(this.subscriptions.view("t0ken", LinkPurpose.MANAGE)).willReturn(Optional.of(ADA));
		this.mvc.perform(get("/subscriptions/manage").param("token", "t0ken"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
			.andExpect(content().string(containsString("ada@example.org")))
			.andExpect(content().string(containsString("politics, &lt;b&gt;bold&lt;/b&gt;")))
			.andExpect(content().string(not(containsString("<b>bold</b>"))))
			.andExpect(content().string(containsString("action=\"/subscriptions/manage?token=t0ken\"")))
			.andExpect(content().string(containsString("a daily digest of the new articles")))
			.andExpect(content().string(containsString("value=\"daily\" checked")))
			.andExpect(content().string(containsString("value=\"Europe/Berlin\"")))
			.andExpect(content().string(containsString("Leave it empty for Asia/Tokyo")));
	}

	@Test
	void theManagePageChangesCategoriesFrequencyAndTimeZone() throws Exception {
		given(this.subscriptions.changePreferences(anyString(), any(), any(), any())).willReturn(Optional.of(ADA));
		this.mvc
			.perform(post("/subscriptions/manage").param("token", "t0ken")
				.param("categories", "Politics, culture")
				.param("frequency", "weekly")
				.param("timeZone", " America/Sao_Paulo "))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Saved.")));
		then(this.subscriptions).should()
			.changePreferences("t0ken", List.of("Politics", "culture"), Frequency.WEEKLY,
					Optional.of(ZoneId.of("America/Sao_Paulo")));
		this.mvc.perform(post("/subscriptions/manage").param("token", "t0ken").param("timeZone", ""))
			.andExpect(status().isOk());
		then(this.subscriptions).should().changePreferences("t0ken", List.of(), null, Optional.empty());
	}

	@Test
	void theManagePageRefusesAnUnknownFrequencyOrTimeZoneAndChangesNothing() throws Exception {
		this.mvc.perform(post("/subscriptions/manage").param("token", "t0ken").param("frequency", "hourly"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("immediately, daily or weekly")));
		this.mvc.perform(post("/subscriptions/manage").param("token", "t0ken").param("timeZone", "Berlin"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Not a time zone")));
		then(this.subscriptions).should(never()).changePreferences(anyString(), any(), any(), any());
	}

	@Test
	void aLinkThatIsNotValidGetsARefusalPageAndChangesNothing() throws Exception {
		given(this.subscriptions.view(anyString(), any())).willReturn(Optional.empty());
		given(this.subscriptions.unsubscribe(anyString())).willReturn(Optional.empty());
		this.mvc.perform(get("/subscriptions/manage").param("token", "forged"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("not valid")));
		this.mvc.perform(post("/subscriptions/unsubscribe").param("token", "forged"))
			.andExpect(status().isBadRequest());
		this.mvc.perform(post("/subscriptions/manage").param("token", "t0ken").param("categories", "news\r\nBcc: x"))
			.andExpect(status().isBadRequest());
		then(this.subscriptions).should(never()).changePreferences(anyString(), any(), any(), any());
	}

	@Test
	void aGenuineLinkOfAnEndedSubscriptionAnswersGoneAndChangesNothing() throws Exception {
		given(this.subscriptions.view(anyString(), any())).willReturn(Optional.empty());
		given(this.subscriptions.unsubscribe(anyString())).willReturn(Optional.empty());
		given(this.subscriptions.isForAnEndedSubscription(anyString(), any())).willReturn(true);
		this.mvc.perform(get("/subscriptions/manage").param("token", "old"))
			.andExpect(status().isGone())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("earlier subscription of this address")));
		this.mvc.perform(get("/subscriptions/unsubscribe").param("token", "old")).andExpect(status().isGone());
		this.mvc.perform(post("/subscriptions/unsubscribe").param("token", "old")).andExpect(status().isGone());
		this.mvc.perform(post("/subscriptions/manage").param("token", "old").param("categories", "culture"))
			.andExpect(status().isGone());
	}

	@Test
	void theConfirmationPageLinksToThePreferencesOfTheSubscription() throws Exception {
		given(this.subscriptions.confirm("c0nfirm")).willReturn(Optional.of(ADA));
		given(this.subscriptions.manageUrl(ADA.id()))
			.willReturn(Optional.of("http://localhost:8083/subscriptions/manage?token=m4nage"));
		this.mvc.perform(get("/subscriptions/confirm").param("token", "c0nfirm"))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("href=\"http://localhost:8083/subscriptions/manage?token=m4nage\"")));
	}

	@Test
	void oneClickUnsubscribesAtOnce() throws Exception {
		given(this.subscriptions.unsubscribe("t0ken")).willReturn(Optional.of(ADA));
		this.mvc
			.perform(post("/subscriptions/unsubscribe").param("token", "t0ken")
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("List-Unsubscribe=One-Click"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("will receive no more emails")));
		then(this.subscriptions).should().unsubscribe("t0ken");
	}

}
