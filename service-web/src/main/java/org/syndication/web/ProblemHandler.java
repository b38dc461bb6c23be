package org.syndication.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.tomcat.util.http.InvalidParameterException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's errors as RFC 9457 problems, as {@code spring.mvc.problemdetails} makes
 * them, plus what every service refuses alike: an invalid body names the fields at fault,
 * a body over the size limit is 413, a body that is not UTF-8 is 400, and query or form
 * parameters Tomcat cannot decode are the client's error. A service that says more about
 * an unreadable body extends this class as its own advice; without one, the
 * auto-configuration registers this one.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

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
			return handleExceptionInternal(ex, Problems.forStatus(HttpStatus.CONTENT_TOO_LARGE.value()), headers,
					HttpStatus.CONTENT_TOO_LARGE, request);
		}
		if (RequestBodyGuard.isTooSlow(ex)) {
			ProblemDetail late = Problems.forStatus(HttpStatus.REQUEST_TIMEOUT.value());
			late.setDetail("The request body did not arrive in time.");
			headers.set(HttpHeaders.CONNECTION, "close");
			if (request instanceof ServletWebRequest servlet) {
				UnreadBodyValve.dropRestOfBody(servlet.getRequest());
			}
			return handleExceptionInternal(ex, late, headers, HttpStatus.REQUEST_TIMEOUT, request);
		}
		ProblemDetail problem;
		if (StrictUtf8Filter.isMalformed(ex)) {
			problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"The body is not well-formed UTF-8 JSON.");
			problem.setTitle("Malformed JSON");
		}
		else {
			problem = unreadableBody(ex);
		}
		return handleExceptionInternal(ex, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
	}

	/**
	 * The problem for a body that is well-formed UTF-8 within the size limit but cannot
	 * be read: not JSON, or not of the expected shape.
	 * @param ex what the message converter found
	 * @return a 400 problem that names the field at fault and where the JSON broke, but
	 * never quotes the body
	 */
	protected ProblemDetail unreadableBody(HttpMessageNotReadableException ex) {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		JacksonException cause = findCause(ex, JacksonException.class);
		// A number too large for its field is well-formed JSON with a value out of range,
		// to
		// be named like any other wrong value, not a broken body.
		boolean outOfRange = cause instanceof InputCoercionException;
		if ((cause instanceof StreamReadException && !outOfRange) || cause == null) {
			problem.setTitle("Malformed JSON");
			problem.setDetail("The body is not well-formed UTF-8 JSON" + ((cause != null) ? " (line "
					+ cause.getLocation().getLineNr() + ", column " + cause.getLocation().getColumnNr() + ")" : "")
					+ ".");
		}
		else {
			String field = (cause.getPathReference() != null) ? fieldPath(cause) : "";
			String message = (cause instanceof UnrecognizedPropertyException) ? "is not a known field"
					: outOfRange ? "is out of range" : "has the wrong type or format";
			problem.setTitle("Invalid request");
			problem.setDetail(field.isEmpty() ? "The body does not have the expected shape." : field + ": " + message);
			if (!field.isEmpty()) {
				problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
			}
		}
		return problem;
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

	/**
	 * Tomcat decodes the query and form parameters only when they are read (every
	 * actuator endpoint does): one it cannot decode, a form over its size limit, or too
	 * many parameters, is the client's error.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	public ResponseEntity<Object> handleInvalidParameters(InvalidParameterException ex, WebRequest request) {
		return handleExceptionInternal(ex, Problems.forStatus(ex.getErrorCode()), new HttpHeaders(),
				HttpStatusCode.valueOf(ex.getErrorCode()), request);
	}

	/**
	 * Spring Security's exceptions go on to its filters, which answer them with 400, 401
	 * or 403 problems; a service's handler of every exception must not make them 500s.
	 * @param ex the exception
	 * @throws Exception always, the exception itself
	 */
	@ExceptionHandler({ AccessDeniedException.class, AuthenticationException.class, RequestRejectedException.class })
	public void leaveToSpringSecurity(Exception ex) throws Exception {
		throw ex;
	}

}
