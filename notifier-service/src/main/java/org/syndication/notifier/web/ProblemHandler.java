package org.syndication.notifier.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refused API requests get an RFC 9457 problem naming the field at fault; what all
 * services refuse alike is service-web's.
 */
@RestControllerAdvice
class ProblemHandler extends org.syndication.web.ProblemHandler {

	@Override
	protected ProblemDetail unreadableBody(HttpMessageNotReadableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The body must be JSON such as {\"email\": \"name@example.org\", \"categories\": [\"politics\"]}.");
		problem.setTitle("Malformed request");
		return problem;
	}

}
