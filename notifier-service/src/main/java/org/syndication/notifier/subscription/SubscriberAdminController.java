package org.syndication.notifier.subscription;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The administration API, for the holder of the management token: find, look at, export
 * and erase subscribers; list and lift suppressions; an article's mail figures.
 */
@RestController
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
class SubscriberAdminController {

	private static final int SHORTEST_SEARCH = 3;

	private static final int MOST_SUPPRESSIONS = 1000;

	private final SubscriberRecords records;

	private final SubscriberAdministration administration;

	private final Clock clock;

	SubscriberAdminController(SubscriberRecords records, SubscriberAdministration administration, Clock clock) {
		this.records = records;
		this.administration = administration;
		this.clock = clock;
	}

	@GetMapping("/subscribers")
	ResponseEntity<?> find(@RequestParam(name = "q", required = false) String text) {
		if (text == null || text.strip().length() < SHORTEST_SEARCH || text.length() > 254) {
			return problem(HttpStatus.BAD_REQUEST, "Invalid search",
					"q must be " + SHORTEST_SEARCH + " to 254 characters of an address.");
		}
		return ResponseEntity.ok(this.records.find(text.strip()));
	}

	@GetMapping("/subscribers/{id}")
	ResponseEntity<?> record(@PathVariable UUID id) {
		return this.records.record(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> noSuchSubscriber(id));
	}

	/** The subscriber's data, as a file to hand to them. */
	@GetMapping("/subscribers/{id}/export")
	ResponseEntity<?> export(@PathVariable UUID id) {
		return this.records.record(id)
			.<ResponseEntity<?>>map((record) -> ResponseEntity.ok()
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename("subscriber-" + id + ".json").build().toString())
				.body(AdminAnswers.Export.of(record, Instant.now(this.clock))))
			.orElseGet(() -> noSuchSubscriber(id));
	}

	@DeleteMapping("/subscribers/{id}")
	ResponseEntity<?> erase(@PathVariable UUID id) {
		return this.administration.erase(id) ? ResponseEntity.noContent().build() : noSuchSubscriber(id);
	}

	@GetMapping("/suppressions")
	ResponseEntity<?> suppressions(@RequestParam(name = "limit", defaultValue = "100") int limit) {
		if (limit < 1 || limit > MOST_SUPPRESSIONS) {
			return problem(HttpStatus.BAD_REQUEST, "Invalid limit", "limit must be 1 to " + MOST_SUPPRESSIONS + ".");
		}
		return ResponseEntity.ok(this.administration.suppressions(limit));
	}

	@DeleteMapping("/suppressions")
	ResponseEntity<?> lift(@RequestParam(name = "email", required = false) String email) {
		if (email == null || email.isBlank() || email.length() > 254) {
			return problem(HttpStatus.BAD_REQUEST, "Invalid address", "email must be the suppressed address.");
		}
		return this.administration.lift(email) ? ResponseEntity.noContent().build()
				: problem(HttpStatus.NOT_FOUND, "Not suppressed", "That address is not suppressed.");
	}

	@GetMapping("/articles/{id}/mails")
	ResponseEntity<?> articleFigures(@PathVariable UUID id) {
		return ResponseEntity.ok(this.records.articleMails(id));
	}

	private static ResponseEntity<?> noSuchSubscriber(UUID id) {
		return problem(HttpStatus.NOT_FOUND, "No such subscriber", "There is no subscriber " + id + ".");
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
