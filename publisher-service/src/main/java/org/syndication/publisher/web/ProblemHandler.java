package org.syndication.publisher.web;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Every refused request gets an RFC 9457 problem that names the field at fault, and never
 * a stack trace. What all services refuse alike is service-web's.
 */
@RestControllerAdvice
class ProblemHandler extends org.syndication.web.ProblemHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemHandler.class);

	/** Names the field at fault and where the JSON broke, but never quotes the body. */
	@Override
	protected ProblemDetail unreadableBody(HttpMessageNotReadableException ex) {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		JacksonException cause = findCause(ex, JacksonException.class);
		if (cause instanceof StreamReadException || cause == null) {
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
		return problem;
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
