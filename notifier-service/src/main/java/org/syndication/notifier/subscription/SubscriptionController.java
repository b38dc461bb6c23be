package org.syndication.notifier.subscription;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SubscriptionController {

	private static final Map<String, String> ACCEPTED = Map.of("status", "accepted", "message",
			"If this address can receive mail, a confirmation link is on its way. Nothing else is sent until it is confirmed.");

	/** The name itself is not repeated: it may be a URL. */
	private static final String UNKNOWN_CATEGORY = "must each be a category of published articles, as the sign-up page lists them, "
			+ "or lower-case letters and digits joined by hyphens";

	private final SubscriptionService subscriptions;

	private final SubscribeRateLimiter rateLimiter;

	SubscriptionController(SubscriptionService subscriptions, SubscribeRateLimiter rateLimiter) {
		this.subscriptions = subscriptions;
		this.rateLimiter = rateLimiter;
	}

	/**
	 * Always 202 with the same body for a valid request, whether the address is new,
	 * pending, confirmed or unsubscribed: the answer reveals nothing about who
	 * subscribes.
	 */
	@PostMapping(path = "/api/subscriptions", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> subscribe(@Valid @RequestBody SubscribeRequest request, HttpServletRequest http) {
		Duration wait = this.rateLimiter.acquire(http.getRemoteAddr());
		if (!wait.isZero()) {
			long seconds = SubscribeRateLimiter.retryAfterSeconds(wait);
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
					"Too many subscription requests from this client; try again in " + seconds + " seconds.");
			problem.setTitle("Too many requests");
			problem.setType(URI.create("about:blank"));
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}
		try {
			this.subscriptions.subscribe(request.email().strip(), request.categories(), request.wantedFrequency(),
					request.wantedTimeZone());
		}
		catch (UnknownCategoryException ex) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"categories: " + UNKNOWN_CATEGORY);
			problem.setTitle("Bad Request");
			problem.setProperty("errors", List.of(Map.of("field", "categories", "message", UNKNOWN_CATEGORY)));
			return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		return ResponseEntity.accepted().body(ACCEPTED);
	}

}
