package org.syndication.notifier.web;

import java.util.List;
import java.util.Map;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.syndication.web.ProblemReportValve;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Refused API requests get an RFC 9457 problem naming the field at fault.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				errors.stream()
					.map((error) -> error.get("field") + ": " + error.get("message"))
					.sorted()
					.reduce((a, b) -> a + "; " + b)
					.orElse("Invalid request"));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (RequestSizeLimitFilter.isTooLarge(ex)) {
			return handleExceptionInternal(ex, ProblemReportValve.problem(HttpStatus.CONTENT_TOO_LARGE.value()),
					headers, HttpStatus.CONTENT_TOO_LARGE, request);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The body must be JSON such as {\"email\": \"name@example.org\", \"categories\": [\"politics\"]}.");
		problem.setTitle("Malformed request");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Tomcat decodes the query and form parameters only when they are read: one it cannot
	 * decode, a form over its size limit, or too many parameters, is the client's error.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> handleInvalidParameters(InvalidParameterException ex, WebRequest request) {
		return handleExceptionInternal(ex, ProblemReportValve.problem(ex.getErrorCode()), new HttpHeaders(),
				HttpStatusCode.valueOf(ex.getErrorCode()), request);
	}

}
