package org.syndication.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problems for every service, and their JSON for answers given outside Spring
 * MVC (Tomcat's valve, servlet filters, Spring Security), where no message converter
 * writes them.
 */
public final class Problems {

	private Problems() {
	}

	/**
	 * The problem for a status, with a fixed detail that repeats nothing of the request.
	 * @param status an error status
	 * @return the problem
	 */
	public static ProblemDetail forStatus(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setDetail(switch (status) {
			case 400 -> "The request could not be read: its request line, URI, query, a header or its framing "
					+ "is malformed.";
			case 401 -> "This needs a bearer token: send it as Authorization: Bearer <token>.";
			case 403 -> "The credential sent does not allow this.";
			case 404 -> "There is nothing at this address.";
			case 405 -> "This method is not allowed here.";
			case 406 -> "None of the media types in Accept can be served here.";
			case 413 -> "The request is larger than this server accepts.";
			case 414 -> "The request URI is longer than this server accepts.";
			case 415 -> "The request body has a media type that is not accepted here.";
			case 431 -> "The request headers are larger than this server accepts.";
			default -> (status < 500) ? "The request cannot be served." : "The request could not be completed.";
		});
		problem.setTitle((known != null) ? known.getReasonPhrase() : "Error");
		return problem;
	}

	/**
	 * Writes a problem as the whole answer, with its status.
	 * @param response a response nothing was written to yet
	 * @param problem the problem
	 * @throws IOException if the client is gone
	 */
	public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		byte[] body = json(problem).getBytes(StandardCharsets.UTF_8);
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/**
	 * The problem's standard members as JSON. Written by hand because the valve runs
	 * where no JSON mapper is at hand; extension members are left out.
	 */
	static String json(ProblemDetail problem) {
		StringBuilder json = new StringBuilder("{\"type\":");
		string(json, (problem.getType() != null) ? problem.getType().toString() : "about:blank");
		if (problem.getTitle() != null) {
			string(json.append(",\"title\":"), problem.getTitle());
		}
		json.append(",\"status\":").append(problem.getStatus());
		if (problem.getDetail() != null) {
			string(json.append(",\"detail\":"), problem.getDetail());
		}
		if (problem.getInstance() != null) {
			string(json.append(",\"instance\":"), problem.getInstance().toString());
		}
		return json.append('}').toString();
	}

	private static void string(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20 || c == 0x2028 || c == 0x2029) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		json.append('"');
	}

}
