package org.syndication.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Never waits for the rest of a body nobody read. After the answer to a request whose
 * body was not read to its end (refused before it was read, say), Tomcat reads
 * ("swallows") up to 2 MB of what is left, to keep the connection; a client sending it a
 * byte at a time would hold a thread all that while. So the rest is swallowed only when
 * it is here already, and otherwise the connection closes after the answer. A request
 * refused because its body is arriving too slowly closes its connection either way.
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
			org.apache.coyote.Request coyote = request.getCoyoteRequest();
			if (!request.isAsync()
					&& (request.getAttribute(DROP) != null || !(coyote.isFinished() || restIsHere(coyote)))) {
				// The answer is finished first: the connection is marked for closing, and
				// an answer in chunks not finished by then would lose its last chunk.
				response.finishResponse();
				coyote.action(ActionCode.DISABLE_SWALLOW_INPUT, null);
			}
		}
	}

	/** Whether what is left of the body has arrived (a body in chunks: never known). */
	private static boolean restIsHere(org.apache.coyote.Request coyote) {
		long length = coyote.getContentLengthLong();
		if (length < 0) {
			return false;
		}
		coyote.action(ActionCode.AVAILABLE, Boolean.TRUE);
		return coyote.getAvailable() >= length - coyote.getBytesRead();
	}

}
