package org.syndication.web;

import java.net.URI;
import java.util.Optional;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.coyote.BadRequestException;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Boot's error page: what a servlet or filter refuses with {@code sendError}, and
 * what no exception handler took, is answered as an RFC 9457 problem whatever the client
 * accepts. It repeats no exception message. It is not component-scanned: the
 * auto-configuration registers it unless the application has an error controller of its
 * own.
 */
@RestController
class ErrorProblemController implements ErrorController {

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		// Asked for directly, outside an error dispatch, /error is not a resource.
		int status = (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400)
				? code : 404;
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable ex) {
			status = clientError(ex).orElse(status);
		}
		ProblemDetail problem = Problems.forStatus(status);
		problem.setType(ABOUT_BLANK);
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
			try {
				problem.setInstance(URI.create(path));
			}
			catch (IllegalArgumentException ex) {
				// Not a valid URI reference; the problem stands without it.
			}
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/**
	 * Tomcat decodes the query and form parameters, and reads the body, only when asked;
	 * what it cannot read then is the client's error, though it arrives as an exception.
	 */
	static Optional<Integer> clientError(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidParameterException invalid) {
				return Optional.of(invalid.getErrorCode());
			}
			if (cause instanceof BadRequestException) {
				return Optional.of(HttpStatus.BAD_REQUEST.value());
			}
		}
		return Optional.empty();
	}

}
