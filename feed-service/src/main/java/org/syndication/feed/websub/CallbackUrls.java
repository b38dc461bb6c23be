package org.syndication.feed.websub;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * One spelling of each callback URL, so that the same endpoint written differently is one
 * subscription, gets one push per change and counts once towards its host's limits:
 * scheme and host in lower case, no trailing dot on the host, no default port, IPv6
 * literals in their short form, an empty path as {@code /}, and percent-encoding only
 * where it is needed (RFC 3986, 6.2.2), in upper case.
 */
final class CallbackUrls {

	private CallbackUrls() {
	}

	/**
	 * The callback's one spelling.
	 * @param callback an absolute http or https URL with a host
	 */
	static String normalise(URI callback) {
		String scheme = callback.getScheme().toLowerCase(Locale.ROOT);
		int port = callback.getPort();
		if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
			port = -1;
		}
		String path = percentEncoding(callback.getRawPath());
		StringBuilder url = new StringBuilder(scheme).append("://").append(host(callback));
		if (port != -1) {
			url.append(':').append(port);
		}
		url.append((path == null || path.isEmpty()) ? "/" : path);
		if (callback.getRawQuery() != null) {
			url.append('?').append(percentEncoding(callback.getRawQuery()));
		}
		return url.toString();
	}

	/**
	 * The callback's host as stored and counted: lower case without a trailing dot, an
	 * IPv6 literal in brackets in its short form; empty for a host that is only dots.
	 */
	static String host(URI callback) {
		String host = callback.getHost().toLowerCase(Locale.ROOT);
		if (host.startsWith("[") && host.endsWith("]")) {
			return "[" + shortIpv6(host.substring(1, host.length() - 1)) + "]";
		}
		while (host.endsWith(".")) {
			host = host.substring(0, host.length() - 1);
		}
		return host;
	}

	/** {@code 2001:db8:0:0:0:0:0:1} as {@code 2001:db8::1} (RFC 5952). */
	private static String shortIpv6(String literal) {
		byte[] bytes;
		try {
			// A literal: no lookup.
			bytes = InetAddress.getByName(literal).getAddress();
		}
		catch (UnknownHostException ex) {
			return literal;
		}
		if (bytes.length != 16) {
			// An IPv4-mapped literal, which Java gives back as IPv4.
			return literal;
		}
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			int j = i;
			while (j < 8 && groups[j] == 0) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = (j == i) ? i + 1 : j;
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}

	/** Unreserved characters decoded, every other escape in upper case. */
	private static String percentEncoding(String raw) {
		if (raw == null || raw.indexOf('%') < 0) {
			return raw;
		}
		StringBuilder text = new StringBuilder(raw.length());
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
				char decoded = (char) Integer.parseInt(raw.substring(i + 1, i + 3), 16);
				if (isUnreserved(decoded)) {
					text.append(decoded);
				}
				else {
					text.append('%').append(raw.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
				}
				i += 2;
			}
			else {
				text.append(c);
			}
		}
		return text.toString();
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	private static boolean isUnreserved(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

}
