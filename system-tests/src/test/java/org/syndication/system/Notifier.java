package org.syndication.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * notifier-service as a reader sees it: the subscription form's API, the confirmation
 * mail and its link.
 */
final class Notifier {

	static final String CONFIRMATION_SUBJECT = "Confirm your subscription";

	private static final Logger logger = LoggerFactory.getLogger(Notifier.class);

	private final Endpoint service;

	private final Mailbox mail;

	private final String managementToken;

	Notifier(Endpoint service, Mailbox mail, String managementToken) {
		this.service = service;
		this.mail = mail;
		this.managementToken = managementToken;
	}

	void subscribe(String email, List<String> categories) {
		subscribe(email, categories, "immediate");
	}

	void subscribe(String email, List<String> categories, String frequency) {
		Http.expect(202,
				Http.send(Http.request(this.service.uri("/api/subscriptions"))
					.header("Content-Type", "application/json")
					.POST(Http.json(Map.of("email", email, "categories", categories, "frequency", frequency)))
					.build()));
	}

	/**
	 * Runs the digests of a frequency now, as an operator does.
	 * @param frequency {@code daily} or {@code weekly}
	 * @return how many digests the run queued
	 */
	int runDigests(String frequency) {
		return Http.body(Http.expect(200, askForDigests(frequency))).get("queued").asInt();
	}

	/**
	 * Asks for the digests of a frequency now, whatever the answer.
	 * @param frequency {@code daily} or {@code weekly}
	 * @return the service's answer
	 */
	HttpResponse<String> askForDigests(String frequency) {
		return Http.send(Http.request(this.service.uri("/api/digests/" + frequency + "/runs"))
			.header("Authorization", "Bearer " + this.managementToken)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
	}

	/**
	 * The suppressed addresses, as the administration API lists them.
	 * @return address to reason
	 */
	Map<String, String> suppressions() {
		Map<String, String> suppressed = new java.util.HashMap<>();
		Http.body(Http.expect(200,
				Http.send(Http.request(this.service.uri("/api/admin/suppressions?limit=1000"))
					.header("Authorization", "Bearer " + this.managementToken)
					.GET()
					.build())))
			.get("suppressions")
			.forEach((entry) -> suppressed.put(entry.get("email").asString(), entry.get("reason").asString()));
		return suppressed;
	}

	/**
	 * Subscribes every address, then follows the link of each one's confirmation mail,
	 * many at a time.
	 * @param emails the addresses
	 * @param categories what they want
	 */
	void subscribeAndConfirm(List<String> emails, List<String> categories) {
		subscribeAndConfirm(emails, categories, "immediate");
	}

	/**
	 * Subscribes every address with a frequency, then confirms each, many at a time.
	 * @param emails the addresses
	 * @param categories what they want
	 * @param frequency {@code immediate}, {@code daily} or {@code weekly}
	 */
	void subscribeAndConfirm(List<String> emails, List<String> categories, String frequency) {
		long start = System.nanoTime();
		Concurrently.forEach(8, emails, (email) -> subscribe(email, categories, frequency));
		long subscribed = System.nanoTime();
		Set<String> waiting = emails.stream().map(String::toLowerCase).collect(Collectors.toSet());
		Map<String, Mail> confirmations = Awaitility.await()
			.atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> this.mail.all()
				.stream()
				.filter((mail) -> mail.subject().equals(CONFIRMATION_SUBJECT))
				.filter((mail) -> waiting.contains(mail.recipient().toLowerCase()))
				.collect(Collectors.toMap((mail) -> mail.recipient().toLowerCase(), (mail) -> mail,
						(first, second) -> first)),
					(found) -> found.size() == waiting.size());
		long mailed = System.nanoTime();
		Concurrently.forEach(8, List.copyOf(confirmations.values()), this::confirm);
		logger.info("{} subscribed in {} ms, their confirmation mails arrived {} ms later, confirmed in {} ms",
				emails.size(), millis(start, subscribed), millis(subscribed, mailed),
				millis(mailed, System.nanoTime()));
	}

	private static long millis(long from, long to) {
		return Duration.ofNanos(to - from).toMillis();
	}

	private void confirm(Mail confirmation) {
		String body = Http.expect(200, Http.get(URI.create(confirmation.link("/subscriptions/confirm")))).body();
		assertThat(body).containsIgnoringCase("confirmed");
	}

}
