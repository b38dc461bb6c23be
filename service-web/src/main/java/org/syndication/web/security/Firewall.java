package org.syndication.web.security;

import java.util.List;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall with two encoded characters let through, because
 * feeds are named after categories and authors, which may contain them: {@code %25} (a
 * {@code %} in the name) and {@code %3B} (a {@code ;}). No code decodes a path twice, and
 * an encoded {@code ;} does not start path parameters as a plain one does, which is still
 * refused. Everything else stays refused: {@code .} and {@code ..} segments, plain or
 * encoded, {@code //}, encoded {@code /} and {@code \}, NUL, CR and LF, and methods other
 * than the usual seven.
 */
final class Firewall {

	private Firewall() {
	}

	static StrictHttpFirewall strict() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowUrlEncodedPercent(true);
		firewall.getEncodedUrlBlocklist().removeAll(List.of("%3b", "%3B"));
		// The decoded path has the category's ; as Tomcat decoded it; a path parameter is
		// never in it, and the raw ; is checked in the encoded path above.
		firewall.getDecodedUrlBlocklist().remove(";");
		return firewall;
	}

}
