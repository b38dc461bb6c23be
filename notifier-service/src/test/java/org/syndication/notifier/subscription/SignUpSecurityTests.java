package org.syndication.notifier.subscription;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.syndication.localstack.FreePorts;
import org.syndication.notifier.links.SubscriptionLinks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sign-up form's CSRF protection, in the notifier's own security chain on a running
 * server: the form needs its token and its cookie, and nothing else needs either or gets
 * a cookie. The one-click unsubscribe of mail clients keeps working without both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:notifier-sign-up-security;DB_CLOSE_DELAY=-1",
				"spring.kafka.security.protocol=PLAINTEXT",
				"spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}",
				"notifier.token-secret=test-secret-test-secret-test-secret-42",
				"notifier.subscribe-requests-per-minute=100", "notifier.dispatch-interval=100ms",
				"notifier.public-base-url=http://notifier.example" })
// The embedded broker lives in the test JVM and asks for no credentials (PLAINTEXT).
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class SignUpSecurityTests {

	private static final GreenMail mailServer = start();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private SubscriptionLinks links;

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> mailServer.getSmtp().getPort());
	}

	@AfterAll
	static void stopMail() {
		mailServer.stop();
	}

	@Test
	void theFormSetsItsTokenInACookieForItselfAndAPostWithBothSubscribes() throws Exception {
		HttpResponse<String> page = send(get("/subscribe"));
		assertThat(page.statusCode()).isEqualTo(200);
		String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).startsWith("XSRF-TOKEN=")
			.contains("; Path=/subscribe;")
			.contains("; HttpOnly")
			.contains("; SameSite=Strict")
			.doesNotContain("Max-Age", "Expires");
		assertThat(page.headers().allValues("Set-Cookie")).hasSize(1);

		String address = address();
		HttpResponse<String> answer = send(
				post("/subscribe", Map.of("_csrf", token(page), "email", address, "frequency", "weekly"))
					.header("Cookie", cookieValue(cookie)));
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(Jsoup.parse(answer.body()).title()).isEqualTo("Check your inbox");
		assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(frequencyOf(address)).containsExactly("weekly");
	}

	@Test
	void aFormAgainWithItsCookieKeepsTheTokenAndSetsNoNewCookie() throws Exception {
		HttpResponse<String> first = send(get("/subscribe"));
		String cookie = cookieValue(first.headers().firstValue("Set-Cookie").orElseThrow());
		HttpResponse<String> again = send(get("/subscribe").header("Cookie", cookie));
		assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
		HttpResponse<String> mistake = send(
				post("/subscribe", Map.of("_csrf", token(again), "email", "not an address")).header("Cookie", cookie));
		assertThat(mistake.statusCode()).isEqualTo(400);
		assertThat(mistake.headers().firstValue("Set-Cookie")).isEmpty();
		String address = address();
		assertThat(send(post("/subscribe", Map.of("_csrf", token(mistake), "email", address)).header("Cookie", cookie))
			.statusCode()).isEqualTo(200);
		assertThat(frequencyOf(address)).containsExactly("immediate");
	}

	@Test
	void aSignUpWithoutItsTokenOrItsCookieIsRefusedWithAPageAndSubscribesNothing() throws Exception {
		HttpResponse<String> page = send(get("/subscribe"));
		String cookie = cookieValue(page.headers().firstValue("Set-Cookie").orElseThrow());
		String token = token(page);
		String otherToken = token(send(get("/subscribe")));
		String address = address();
		Map<String, HttpRequest.Builder> forged = new LinkedHashMap<>();
		forged.put("neither", post("/subscribe", Map.of("email", address)));
		forged.put("the cookie alone", post("/subscribe", Map.of("email", address)).header("Cookie", cookie));
		forged.put("the token alone", post("/subscribe", Map.of("_csrf", token, "email", address)));
		forged.put("another visitor's token",
				post("/subscribe", Map.of("_csrf", otherToken, "email", address)).header("Cookie", cookie));
		forged.put("a made-up token", post("/subscribe", Map.of("_csrf", "x".repeat(token.length()), "email", address))
			.header("Cookie", cookie));
		for (Map.Entry<String, HttpRequest.Builder> request : forged.entrySet()) {
			HttpResponse<String> refused = send(request.getValue());
			assertThat(refused.statusCode()).as(request.getKey()).isEqualTo(403);
			assertThat(refused.headers().firstValue("Content-Type")).as(request.getKey())
				.hasValue("text/html;charset=UTF-8");
			assertThat(refused.headers().firstValue("Cache-Control")).as(request.getKey()).hasValue("no-store");
			Document refusal = Jsoup.parse(refused.body());
			assertThat(refusal.select("h1").text()).as(request.getKey()).isEqualTo("Please send the form again");
			assertThat(refusal.select("a").attr("href")).as(request.getKey()).isEqualTo("/subscribe");
		}
		assertThat(frequencyOf(address)).isEmpty();
	}

	@Test
	void theApiThePagesBehindMailLinksAndOneClickUnsubscribeNeedNoTokenAndSetNoCookie() throws Exception {
		String address = address();
		HttpResponse<String> api = send(HttpRequest.newBuilder(uri("/api/subscriptions"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"" + address + "\"}")));
		assertThat(api.statusCode()).isEqualTo(202);
		assertNoCookie("the API", api);
		HttpResponse<String> confirmed = send(get(confirmLink(address)));
		assertThat(confirmed.statusCode()).isEqualTo(200);
		assertNoCookie("the confirmation page", confirmed);

		UUID subscriber = this.jdbc.sql("SELECT id FROM subscriber WHERE email = :email")
			.param("email", address)
			.query(UUID.class)
			.single();
		String manage = local(this.links.manageUrl(subscriber, 1, Instant.now()));
		String unsubscribe = local(this.links.unsubscribeUrl(subscriber, 1));
		for (String path : List.of(manage, unsubscribe)) {
			HttpResponse<String> page = send(get(path));
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			assertNoCookie(path, page);
			assertThat(Jsoup.parse(page.body()).select("input[name=_csrf]")).as(path).isEmpty();
		}
		HttpResponse<String> saved = send(post(manage, Map.of("categories", "culture", "frequency", "daily")));
		assertThat(saved.statusCode()).isEqualTo(200);
		assertNoCookie("the saved preferences", saved);
		assertThat(frequencyOf(address)).containsExactly("daily");

		HttpResponse<String> oneClick = send(post(unsubscribe, Map.of("List-Unsubscribe", "One-Click")));
		assertThat(oneClick.statusCode()).isEqualTo(200);
		assertNoCookie("one-click unsubscribe", oneClick);
		assertThat(this.jdbc.sql("SELECT status FROM subscriber WHERE id = :id")
			.param("id", subscriber)
			.query(String.class)
			.single()).isEqualTo("UNSUBSCRIBED");

		assertNoCookie("health", send(get("/actuator/health")));
		assertNoCookie("the refused metrics", send(get("/actuator/metrics")));
	}

	private static void assertNoCookie(String what, HttpResponse<String> response) {
		assertThat(response.headers().allValues("Set-Cookie")).as(what).isEmpty();
	}

	private List<String> frequencyOf(String address) {
		return this.jdbc.sql("SELECT frequency FROM subscriber WHERE email = :email")
			.param("email", address)
			.query(String.class)
			.list();
	}

	private String confirmLink(String address) throws Exception {
		await().atMost(Duration.ofSeconds(30)).until(() -> mails(address).length > 0);
		MimeMessage confirmation = mails(address)[0];
		String text = (String) ((MimeMultipart) confirmation.getContent()).getBodyPart(0).getContent();
		Matcher matcher = Pattern.compile("http://notifier\\.example/subscriptions/confirm\\?token=[A-Za-z0-9_-]+")
			.matcher(text);
		assertThat(matcher.find()).as("a confirmation link").isTrue();
		return local(matcher.group());
	}

	private static MimeMessage[] mails(String address) {
		return Arrays.stream(mailServer.getReceivedMessages()).filter((mail) -> {
			try {
				return mail.getRecipients(Message.RecipientType.TO)[0].toString().equals(address);
			}
			catch (Exception ex) {
				return false;
			}
		}).toArray(MimeMessage[]::new);
	}

	/** A link from a mail, as a path on the server under test. */
	private static String local(String link) {
		return link.substring("http://notifier.example".length());
	}

	/** The masked token that the form carries in its hidden field. */
	private static String token(HttpResponse<String> page) {
		String token = Jsoup.parse(page.body()).select("form input[type=hidden][name=_csrf]").attr("value");
		assertThat(token).as("the form's CSRF token").isNotEmpty();
		return token;
	}

	private static String cookieValue(String setCookie) {
		return setCookie.substring(0, setCookie.indexOf(';'));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(uri(path)).GET();
	}

	private HttpRequest.Builder post(String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String address() {
		return "reader-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
	}

	private static GreenMail start() {
		GreenMail greenMail = new GreenMail(new ServerSetup(FreePorts.find(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		return greenMail;
	}

}
