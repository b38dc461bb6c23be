package org.syndication.feed.web;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.syndication.web.ProblemReportValve;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Spring MVC's own errors already become problems (spring.mvc.problemdetails); this adds
 * the client's errors that Tomcat raises as exceptions.
 */
@RestControllerAdvice
class ProblemHandler {

	/**
	 * Tomcat decodes the query and form parameters only when they are read (every
	 * actuator endpoint does): one it cannot decode, or too many of them, is the client's
	 * error.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ProblemDetail> handleInvalidParameters(InvalidParameterException ex) {
		return ResponseEntity.status(ex.getErrorCode())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemReportValve.problem(ex.getErrorCode()));
	}

}
