package org.syndication.web.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers a request the firewall refuses with a 400 problem instead of Spring Security's
 * bare 400. The detail is fixed: the firewall's reason can quote the request.
 */
final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemRequestRejectedHandler.class);

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		logger.debug("Rejected a request", rejected);
		if (response.isCommitted()) {
			return;
		}
		response.reset();
		Problems.write(response, problem());
	}

	static ProblemDetail problem() {
		ProblemDetail problem = Problems.forStatus(HttpStatus.BAD_REQUEST.value());
		problem.setDetail("The request has a path that is not in normal form (. or .. segments, //), a ; outside "
				+ "the data, an encoded character this server does not take, or a header it cannot accept.");
		return problem;
	}

}
