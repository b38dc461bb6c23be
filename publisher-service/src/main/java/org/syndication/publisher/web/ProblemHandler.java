package org.syndication.publisher.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.syndication.web.ProblemReportValve;
import org.syndication.web.StrictUtf8Filter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every refused request gets an RFC 9457 problem that names the field at fault, and never
 * a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemHandler.class);

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
		}
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> errors.add(Map.of("field", "", "message", String.valueOf(error.getDefaultMessage()))));
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
			return handleExceptionInternal(ex, ProblemResponses.tooLarge(), headers, HttpStatus.CONTENT_TOO_LARGE,
					request);
		}
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		JacksonException cause = findCause(ex, JacksonException.class);
		if (StrictUtf8Filter.isMalformed(ex)) {
			problem.setTitle("Malformed JSON");
			problem.setDetail("The body is not well-formed UTF-8 JSON.");
		}
		else if (cause instanceof StreamReadException || cause == null) {
			problem.setTitle("Malformed JSON");
			problem.setDetail("The body is not well-formed UTF-8 JSON" + ((cause != null) ? " (line "
					+ cause.getLocation().getLineNr() + ", column " + cause.getLocation().getColumnNr() + ")" : "")
					+ ".");
		}
		else {
			String field = cause.getPathReference() != null ? fieldPath(cause) : "";
			String message = (cause instanceof UnrecognizedPropertyException) ? "is not a known field"
					: "has the wrong type or format";
			problem.setTitle("Invalid request");
			problem.setDetail(field.isEmpty() ? "The body does not have the expected shape." : field + ": " + message);
			if (!field.isEmpty()) {
				problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
			}
		}
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Tomcat decodes the query and form parameters only when they are read: one it cannot
	 * decode, or too many of them, is the client's error.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> handleInvalidParameters(InvalidParameterException ex, WebRequest request) {
		return handleExceptionInternal(ex, ProblemReportValve.problem(ex.getErrorCode()), new HttpHeaders(),
				HttpStatusCode.valueOf(ex.getErrorCode()), request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		logger.error("Unexpected failure", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request could not be completed; nothing was changed.");
		problem.setTitle("Internal error");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	/** A field path such as {@code authors[2]} from Jackson's reference chain. */
	private static String fieldPath(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
