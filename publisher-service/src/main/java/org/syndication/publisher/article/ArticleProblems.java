package org.syndication.publisher.article;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.syndication.publisher.editor.Editor;
import org.syndication.publisher.editor.Role;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The ways an article request can be refused; each becomes an RFC 9457 problem.
 */
final class ArticleProblems {

	private ArticleProblems() {
	}

	static ErrorResponseException notFound(UUID id) {
		return problem(HttpStatus.NOT_FOUND, "Article not found", "No article has the id " + id + ".");
	}

	static ErrorResponseException versionMismatch(long current) {
		ErrorResponseException ex = problem(HttpStatus.PRECONDITION_FAILED, "Stale version",
				"The article has changed since you read it; it is at version " + current
						+ ". Fetch it again and retry with If-Match: \"" + current + "\".");
		ex.getBody().setProperty("currentVersion", current);
		return ex;
	}

	static ErrorResponseException ifMatchRequired() {
		return problem(HttpStatus.PRECONDITION_REQUIRED, "If-Match required",
				"Send the version you edited as If-Match: \"<version>\", so that no other change is overwritten.");
	}

	static ErrorResponseException malformedIfMatch(String value) {
		return problem(HttpStatus.BAD_REQUEST, "Malformed If-Match",
				"If-Match must be a quoted version such as \"3\", not " + value + ".");
	}

	static ErrorResponseException conflict(String detail) {
		return problem(HttpStatus.CONFLICT, "Conflicting state", detail);
	}

	static ErrorResponseException invalidField(String field, String message) {
		ErrorResponseException ex = problem(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + message);
		ex.getBody().setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return ex;
	}

	static ErrorResponseException roleNeeded(Role needed, String action, Editor editor) {
		ErrorResponseException ex = problem(HttpStatus.FORBIDDEN, "Role " + needed.label() + " needed",
				action + " needs the role " + needed.label() + "; " + editor.name()
						+ editor.role().map((role) -> " has the role " + role.label()).orElse(" has no role") + ".");
		ex.getBody().setProperty("requiredRole", needed.label());
		return ex;
	}

	private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		return new ErrorResponseException(status, problem, null);
	}

}
