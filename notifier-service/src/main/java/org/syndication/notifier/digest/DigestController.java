package org.syndication.notifier.digest;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Digest runs on demand, for operators (the management credential): sends the current
 * period's digests at once, with the same rules as the scheduled runs.
 */
@RestController
class DigestController {

	private final DigestRuns runs;

	DigestController(DigestRuns runs) {
		this.runs = runs;
	}

	@PostMapping(path = "/api/digests/{frequency}/runs", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> run(@PathVariable String frequency) {
		Frequency wanted = Frequency.of(frequency).filter((value) -> value != Frequency.IMMEDIATE).orElse(null);
		if (wanted == null) {
			return problem(HttpStatus.NOT_FOUND, "Not found", "There are daily and weekly digests only.");
		}
		return this.runs.runNow(wanted)
			.<ResponseEntity<?>>map(
					(queued) -> ResponseEntity.ok(Map.of("frequency", wanted.value(), "queued", queued)))
			.orElseGet(() -> problem(HttpStatus.CONFLICT, "Digest run in progress",
					"Another digest run is in progress; try again in a minute."));
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
