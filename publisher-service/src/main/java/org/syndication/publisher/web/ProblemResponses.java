package org.syndication.publisher.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes problems from servlet filters, which run before Spring MVC's exception handling.
 */
final class ProblemResponses {

	private ProblemResponses() {
	}

	static ProblemDetail tooLarge() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than the limit of this API.");
		problem.setTitle("Request too large");
		return problem;
	}

	static void write(HttpServletResponse response, ProblemDetail problem, JsonMapper json) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(json.writeValueAsBytes(problem));
	}

}
