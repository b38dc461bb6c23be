package org.syndication.feed.websub;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The hub's endpoint, {@code POST /hub} with a form (WebSub 5.1): 202 when the request is
 * taken and its intent will be verified, a problem otherwise.
 */
@RestController
@ConditionalOnBooleanProperty(name = "feed.websub.enabled", matchIfMissing = true)
class HubController {

	private static final Duration RETRY_WHEN_BUSY = Duration.ofSeconds(60);

	private final Hub hub;

	private final HubRateLimits limits;

	HubController(Hub hub, HubRateLimits limits) {
		this.hub = hub;
		this.limits = limits;
	}

	@PostMapping(path = "/hub", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Void> request(@RequestParam MultiValueMap<String, String> form, HttpServletRequest http) {
		this.limits.acquireForClient(http.getRemoteAddr());
		HubRequest request = HubRequest.of(form);
		this.limits.acquireForCallback(request.callback());
		this.hub.accept(request);
		return ResponseEntity.accepted().build();
	}

	@ExceptionHandler(HubRequest.BadHubRequest.class)
	ProblemDetail badRequest(HubRequest.BadHubRequest ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad hub request", ex.getMessage());
	}

	@ExceptionHandler(CallbackPolicy.RefusedCallback.class)
	ProblemDetail refusedCallback(CallbackPolicy.RefusedCallback ex) {
		return problem(HttpStatus.BAD_REQUEST, "Callback refused", ex.getMessage());
	}

	@ExceptionHandler(Hub.TooManySubscriptions.class)
	ProblemDetail tooMany(Hub.TooManySubscriptions ex) {
		return problem(HttpStatus.FORBIDDEN, "Too many subscriptions", ex.getMessage());
	}

	@ExceptionHandler(HubRateLimits.TooManyRequests.class)
	ResponseEntity<ProblemDetail> tooManyRequests(HubRateLimits.TooManyRequests ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.body(problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", ex.getMessage()));
	}

	@ExceptionHandler(Hub.Busy.class)
	ResponseEntity<ProblemDetail> busy(Hub.Busy ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_WHEN_BUSY.toSeconds()))
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Hub busy", ex.getMessage()));
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
