package org.syndication.notifier.subscription;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.notifier.SubscriberRows;
import org.syndication.testsupport.EmbeddedKafkaBinder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The administration API over the real application, its security included, on a real
 * database.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:notifier-admin;DB_CLOSE_DELAY=-1",
		"notifier.token-secret=test-secret-test-secret-test-secret-42", "notifier.dispatch-interval=1h",
		"notifier.management.token=" + SubscriberAdministrationTests.TOKEN })
@EmbeddedKafkaBinder(partitions = 1)
@AutoConfigureMockMvc
class SubscriberAdministrationTests {

	static final String TOKEN = "admin-token-0123456789-0123456789";

	private static final Instant CONFIRMED = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@BeforeEach
	void empty() {
		for (String table : new String[] { "bounce_report", "digest_item", "mail_delivery", "suppression",
				"subscriber_category", "subscriber" }) {
			this.jdbc.sql("DELETE FROM " + table).update();
		}
	}

	@Test
	void onlyTheHolderOfTheManagementTokenMayAdminister() throws Exception {
		this.mvc.perform(get("/api/admin/subscribers").param("q", "example")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/admin/subscribers").param("q", "example").header("Authorization", "Bearer wrong"))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(delete("/api/admin/subscribers/" + UUID.randomUUID())).andExpect(status().isUnauthorized());
		this.mvc.perform(admin(get("/api/admin/subscribers").param("q", "example"))).andExpect(status().isOk());
	}

	@Test
	void subscribersAreFoundByAPartOfTheirAddress() throws Exception {
		SubscriberRows.insert(this.jdbc, "ada@example.org", "CONFIRMED", List.of(), CONFIRMED);
		SubscriberRows.insert(this.jdbc, "grace@example.org", "PENDING", List.of("science"), CONFIRMED);
		SubscriberRows.insert(this.jdbc, "alan@example.net", "CONFIRMED", List.of(), CONFIRMED);

		this.mvc.perform(admin(get("/api/admin/subscribers").param("q", "EXAMPLE.ORG")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.subscribers", hasSize(2)))
			.andExpect(jsonPath("$.subscribers[0].email").value("ada@example.org"))
			.andExpect(jsonPath("$.subscribers[1].status").value("PENDING"));
		this.mvc.perform(admin(get("/api/admin/subscribers").param("q", "100%")))
			.andExpect(jsonPath("$.subscribers", hasSize(0)));
		this.mvc.perform(admin(get("/api/admin/subscribers").param("q", "ad")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("q must be")));
	}

	@Test
	void aSubscribersRecordHoldsItsMailsBouncesAndSuppressionAndIsExportedAsAFile() throws Exception {
		UUID ada = SubscriberRows.insert(this.jdbc, "ada@example.org", "CONFIRMED", List.of("science"), CONFIRMED);
		UUID article = UUID.randomUUID();
		long mail = sentAlert(article, ada, "SENT");
		bounce(mail, ada, "PERMANENT", "permanent failure 5.1.1 for ada@example.org");
		suppress("ada@example.org", "bounced");

		for (String path : new String[] { "/api/admin/subscribers/" + ada,
				"/api/admin/subscribers/" + ada + "/export" }) {
			this.mvc.perform(admin(get(path)))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.subscriber.email").value("ada@example.org"))
				.andExpect(jsonPath("$.subscriber.categories[0]").value("science"))
				.andExpect(jsonPath("$.suppression.reason").value("bounced"))
				.andExpect(jsonPath("$.mails[0].kind").value("ALERT"))
				.andExpect(jsonPath("$.mails[0].articleId").value(article.toString()))
				.andExpect(jsonPath("$.mails[0].status").value("SENT"))
				.andExpect(jsonPath("$.bounces[0].kind").value("PERMANENT"))
				.andExpect(jsonPath("$.bounces[0].mailId").value(mail));
		}
		this.mvc.perform(admin(get("/api/admin/subscribers/" + ada + "/export")))
			.andExpect(header().string("Content-Disposition", "attachment; filename=\"subscriber-" + ada + ".json\""))
			.andExpect(jsonPath("$.exportedAt").exists());
		this.mvc.perform(admin(get("/api/admin/subscribers/" + UUID.randomUUID())))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(admin(get("/api/admin/subscribers/not-an-id"))).andExpect(status().isBadRequest());
	}

	@Test
	void theAnswersKeepTheirShapeFieldByField() throws Exception {
		// The README documents these answers: every field, in this order, nulls included.
		UUID ada = SubscriberRows.insert(this.jdbc, "ada@example.org", "CONFIRMED", List.of("science"), CONFIRMED);
		UUID article = UUID.randomUUID();
		long mail = sentAlert(article, ada, "SENT");
		this.jdbc.sql("INSERT INTO digest_item (delivery_id, subscriber_id, article_id) VALUES (:mail, :ada, :article)")
			.param("mail", mail)
			.param("ada", ada)
			.param("article", article)
			.update();
		this.jdbc.sql("""
				INSERT INTO bounce_report (report_key, kind, delivery_id, subscriber_id, detail, received_at)
				VALUES ('report', 'PERMANENT', :mail, :ada, 'permanent failure 5.1.1', :at)""")
			.param("mail", mail)
			.param("ada", ada)
			.param("at", CONFIRMED.plusSeconds(1).atOffset(ZoneOffset.UTC))
			.update();
		this.jdbc
			.sql("INSERT INTO suppression (email_key, reason, created_at) VALUES ('ada@example.org', 'bounced', :at)")
			.param("at", CONFIRMED.plusSeconds(2).atOffset(ZoneOffset.UTC))
			.update();
		String at = CONFIRMED.toString();
		String record = ("{\"subscriber\":{\"id\":\"%1$s\",\"email\":\"ada@example.org\",\"status\":\"CONFIRMED\","
				+ "\"categories\":[\"science\"],\"frequency\":\"immediate\",\"timeZone\":null,\"requestedAt\":\"%3$s\","
				+ "\"confirmedAt\":\"%3$s\"},\"suppression\":{\"reason\":\"bounced\",\"since\":\"%5$s\"},"
				+ "\"mails\":[{\"id\":%4$d,\"kind\":\"ALERT\",\"articleId\":\"%2$s\",\"period\":null,\"status\":\"SENT\","
				+ "\"attempts\":1,\"messageId\":\"<alert.%2$s.%1$s@news.example.com>\",\"lastError\":null,"
				+ "\"queuedAt\":\"%3$s\",\"sentAt\":\"%3$s\"}],\"digestItems\":[{\"mailId\":%4$d,\"articleId\":\"%2$s\"}],"
				+ "\"bounces\":[{\"kind\":\"PERMANENT\",\"mailId\":%4$d,\"status\":null,"
				+ "\"detail\":\"permanent failure 5.1.1\",\"receivedAt\":\"%6$s\"}]}")
			.formatted(ada, article, at, mail, CONFIRMED.plusSeconds(2), CONFIRMED.plusSeconds(1));

		assertThat(body(get("/api/admin/subscribers").param("q", "ada@")))
			.isEqualTo(("{\"subscribers\":[{\"id\":\"%s\","
					+ "\"email\":\"ada@example.org\",\"status\":\"CONFIRMED\",\"frequency\":\"immediate\","
					+ "\"requestedAt\":\"%s\",\"confirmedAt\":\"%2$s\",\"suppressed\":true}]}")
				.formatted(ada, at));
		assertThat(body(get("/api/admin/subscribers/" + ada))).isEqualTo(record);
		assertThat(body(get("/api/admin/subscribers/" + ada + "/export"))).startsWith("{\"exportedAt\":\"")
			.endsWith("\"," + record.substring(1));
		assertThat(body(get("/api/admin/suppressions"))).isEqualTo(
				"{\"suppressions\":[{\"email\":\"ada@example.org\",\"erased\":false,\"reason\":\"bounced\",\"since\":\"%s\"}]}"
					.formatted(CONFIRMED.plusSeconds(2)));
		assertThat(body(get("/api/admin/articles/" + article + "/mails")))
			.isEqualTo("{\"articleId\":\"%s\",\"queued\":0,\"sent\":1,\"failed\":0,\"cancelled\":0,\"bounced\":1,"
				.formatted(article) + "\"bouncedPermanently\":1,\"complained\":0}");
	}

	private String body(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(admin(request)).andReturn().getResponse().getContentAsString();
	}

	@Test
	void anErasedSubscriberLeavesOnlyAKeyedHashWhichSuppressesTheAddressWhenItSubscribesAnew() throws Exception {
		UUID ada = SubscriberRows.insert(this.jdbc, "Ada@Example.org", "CONFIRMED", List.of("science"), CONFIRMED);
		UUID grace = SubscriberRows.insert(this.jdbc, "grace@example.org", "CONFIRMED", List.of(), CONFIRMED);
		long mail = sentAlert(UUID.randomUUID(), ada, "SENT");
		sentAlert(UUID.randomUUID(), grace, "SENT");
		bounce(mail, ada, "TRANSIENT", "temporary failure 4.2.2 for ada@example.org");
		bounce(null, null, "KEPT_ASIDE", "permanent failure 5.1.1 for ada@example.org");

		this.mvc.perform(admin(delete("/api/admin/subscribers/" + ada))).andExpect(status().isNoContent());

		this.mvc.perform(admin(get("/api/admin/subscribers/" + ada))).andExpect(status().isNotFound());
		this.mvc.perform(admin(delete("/api/admin/subscribers/" + ada))).andExpect(status().isNotFound());
		for (String table : new String[] { "subscriber", "subscriber_category", "mail_delivery", "bounce_report" }) {
			String column = table.equals("subscriber") ? "id" : "subscriber_id";
			assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = '" + ada + "'")).as(table)
				.isZero();
		}
		assertThat(count("SELECT COUNT(*) FROM subscriber WHERE LOWER(email) LIKE '%ada%'")).isZero();
		assertThat(count("SELECT COUNT(*) FROM bounce_report WHERE LOWER(detail) LIKE '%ada@%'")).isZero();
		assertThat(count("SELECT COUNT(*) FROM suppression WHERE email_key LIKE '%ada%'")).isZero();
		assertThat(count("SELECT COUNT(*) FROM suppression WHERE email_key LIKE 'erased:%'")).isOne();
		// The other subscriber is untouched.
		assertThat(count("SELECT COUNT(*) FROM mail_delivery WHERE subscriber_id = '" + grace + "'")).isOne();
		this.mvc.perform(admin(get("/api/admin/suppressions")))
			.andExpect(jsonPath("$.suppressions", hasSize(1)))
			.andExpect(jsonPath("$.suppressions[0].email").value(nullValue()))
			.andExpect(jsonPath("$.suppressions[0].erased").value(true))
			.andExpect(jsonPath("$.suppressions[0].reason").value("erased"));

		// Subscribing anew, the address is known again: suppressed until it confirms.
		this.mvc
			.perform(post("/api/subscriptions").contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"ada@example.org\"}"))
			.andExpect(status().isAccepted());
		assertThat(count("SELECT COUNT(*) FROM suppression WHERE email_key = 'ada@example.org'")).isOne();
		assertThat(count("SELECT COUNT(*) FROM suppression WHERE email_key LIKE 'erased:%'")).isZero();
	}

	@Test
	void aSuppressionIsListedAndLifted() throws Exception {
		suppress("ada@example.org", "complained");

		this.mvc.perform(admin(get("/api/admin/suppressions")))
			.andExpect(jsonPath("$.suppressions[0].email").value("ada@example.org"))
			.andExpect(jsonPath("$.suppressions[0].reason").value("complained"));
		this.mvc.perform(admin(delete("/api/admin/suppressions").param("email", "ADA@example.org")))
			.andExpect(status().isNoContent());
		this.mvc.perform(admin(delete("/api/admin/suppressions").param("email", "ada@example.org")))
			.andExpect(status().isNotFound());
		this.mvc.perform(admin(get("/api/admin/suppressions").param("limit", "0"))).andExpect(status().isBadRequest());
		assertThat(count("SELECT COUNT(*) FROM suppression")).isZero();
	}

	@Test
	void anArticlesMailFiguresCountEachOutcomeAndTheBouncesAndComplaints() throws Exception {
		UUID article = UUID.randomUUID();
		String[] statuses = { "SENT", "SENT", "SENT", "SENT", "PENDING", "FAILED", "CANCELLED" };
		long[] mails = new long[statuses.length];
		for (int i = 0; i < statuses.length; i++) {
			UUID subscriber = SubscriberRows.insert(this.jdbc, "reader-" + i + "@example.org", "CONFIRMED", List.of(),
					CONFIRMED);
			mails[i] = sentAlert(article, subscriber, statuses[i]);
		}
		sentAlert(UUID.randomUUID(),
				SubscriberRows.insert(this.jdbc, "other@example.org", "CONFIRMED", List.of(), CONFIRMED), "SENT");
		bounce(mails[0], null, "PERMANENT", "one");
		bounce(mails[1], null, "TRANSIENT", "two");
		bounce(mails[1], null, "TRANSIENT", "two, again");
		bounce(mails[2], null, "COMPLAINT", "three");

		this.mvc.perform(admin(get("/api/admin/articles/" + article + "/mails")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.queued").value(1))
			.andExpect(jsonPath("$.sent").value(4))
			.andExpect(jsonPath("$.failed").value(1))
			.andExpect(jsonPath("$.cancelled").value(1))
			.andExpect(jsonPath("$.bounced").value(2))
			.andExpect(jsonPath("$.bouncedPermanently").value(1))
			.andExpect(jsonPath("$.complained").value(1));
	}

	@Test
	void theSendersRatesAreInTheReadinessDetailsForTheManagementTokenOnly() throws Exception {
		// No SMTP server runs here, so readiness as a whole is down; the sender is up.
		this.mvc.perform(admin(get("/actuator/health/readiness")))
			.andExpect(jsonPath("$.components.sender.status").value("UP"))
			.andExpect(jsonPath("$.components.sender.details.complaintRate").exists())
			.andExpect(jsonPath("$.components.sender.details.bounceRate").exists());
		this.mvc.perform(get("/actuator/health/readiness"))
			.andExpect(jsonPath("$.components.sender.status").value("UP"))
			.andExpect(jsonPath("$.components.sender.details").doesNotExist());
	}

	@Test
	void aNotifierWithoutItsSmtpServerIsNotReadyAndItsMetricsSaySo() throws Exception {
		this.mvc.perform(get("/actuator/health/readiness")).andExpect(jsonPath("$.status").value("DOWN"));
		this.mvc.perform(admin(get("/actuator/prometheus")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("\nservice_ready 0.0\n")));
	}

	private static MockHttpServletRequestBuilder admin(MockHttpServletRequestBuilder request) {
		return request.header("Authorization", "Bearer " + TOKEN);
	}

	private long sentAlert(UUID article, UUID subscriber, String status) {
		this.jdbc
			.sql("""
					INSERT INTO mail_delivery (kind, article_id, subscriber_id, status, attempts, next_attempt_at, created_at,
					sent_at, message_id) VALUES ('ALERT', :article, :subscriber, :status, 1, :at, :at, :at, :messageId)""")
			.param("article", article)
			.param("subscriber", subscriber)
			.param("status", status)
			.param("at", CONFIRMED.atOffset(ZoneOffset.UTC))
			.param("messageId", "<alert." + article + "." + subscriber + "@news.example.com>")
			.update();
		return this.jdbc.sql("SELECT id FROM mail_delivery WHERE article_id = :article AND subscriber_id = :subscriber")
			.param("article", article)
			.param("subscriber", subscriber)
			.query(Long.class)
			.single();
	}

	private void bounce(Long mail, UUID subscriber, String kind, String detail) {
		this.jdbc.sql("""
				INSERT INTO bounce_report (report_key, kind, delivery_id, subscriber_id, detail, received_at)
				VALUES (:key, :kind, :mail, :subscriber, :detail, :at)""")
			.param("key", UUID.randomUUID().toString())
			.param("kind", kind)
			.param("mail", mail)
			.param("subscriber", subscriber)
			.param("detail", detail)
			.param("at", Instant.now().atOffset(ZoneOffset.UTC))
			.update();
	}

	private void suppress(String email, String reason) {
		this.jdbc.sql("INSERT INTO suppression (email_key, reason, created_at) VALUES (:key, :reason, :at)")
			.param("key", email)
			.param("reason", reason)
			.param("at", Instant.now().atOffset(ZoneOffset.UTC))
			.update();
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

}
