package org.syndication.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Closes the connection of a request refused before its body arrived, without reading the
 * rest of the body first. Tomcat otherwise reads ("swallows") up to 2 MB of an unread
 * body after the answer, to keep the connection, and a client sending it a byte at a time
 * would hold a thread all that while.
 */
class UnreadBodyValve extends ValveBase {

	private static final String DROP = UnreadBodyValve.class.getName() + ".drop";

	UnreadBodyValve() {
		super(true);
	}

	/** The rest of this request's body is not to be read: its connection closes. */
	static void dropRestOfBody(HttpServletRequest request) {
		request.setAttribute(DROP, Boolean.TRUE);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		try {
			getNext().invoke(request, response);
		}
		finally {
			if (request.getAttribute(DROP) != null) {
				request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
			}
		}
	}

}
