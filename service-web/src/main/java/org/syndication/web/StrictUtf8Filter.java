package org.syndication.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks that JSON bodies are well-formed UTF-8 (RFC 3629) while they are read. The JSON
 * parser decodes UTF-8 leniently: it takes an overlong encoding such as {@code C0 AF} for
 * {@code /}, which lets a character pass anything that looks at the bytes.
 */
class StrictUtf8Filter extends OncePerRequestFilter {

	static boolean isMalformed(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof MalformedUtf8Exception) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String type = request.getContentType();
		return type == null || !(type.startsWith("application/json") || type.contains("+json"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new CheckedBody(request, Utf8Check::new), response);
	}

	static final class MalformedUtf8Exception extends IOException {

		MalformedUtf8Exception() {
			super("The body is not well-formed UTF-8");
		}

	}

	/**
	 * Follows the bytes through RFC 3629's table of well-formed sequences: no overlong
	 * encodings, no surrogates, nothing above U+10FFFF, no sequence cut off at the end.
	 */
	private static final class Utf8Check implements CheckedBody.Check {

		/** Continuation bytes still expected. */
		private int expected;

		/** The range of the next continuation byte. */
		private int lowest = 0x80;

		private int highest = 0xBF;

		@Override
		public void read(byte[] buffer, int offset, int length) throws MalformedUtf8Exception {
			for (int i = 0; i < length; i++) {
				check(buffer[offset + i] & 0xFF);
			}
		}

		private void check(int b) throws MalformedUtf8Exception {
			if (this.expected > 0) {
				if (b < this.lowest || b > this.highest) {
					throw new MalformedUtf8Exception();
				}
				this.expected--;
				this.lowest = 0x80;
				this.highest = 0xBF;
				return;
			}
			if (b < 0x80) {
				return;
			}
			if (b >= 0xC2 && b <= 0xDF) {
				this.expected = 1;
			}
			else if (b >= 0xE0 && b <= 0xEF) {
				this.expected = 2;
				this.lowest = (b == 0xE0) ? 0xA0 : 0x80;
				this.highest = (b == 0xED) ? 0x9F : 0xBF;
			}
			else if (b >= 0xF0 && b <= 0xF4) {
				this.expected = 3;
				this.lowest = (b == 0xF0) ? 0x90 : 0x80;
				this.highest = (b == 0xF4) ? 0x8F : 0xBF;
			}
			else {
				throw new MalformedUtf8Exception();
			}
		}

		@Override
		public void end() throws MalformedUtf8Exception {
			if (this.expected > 0) {
				throw new MalformedUtf8Exception();
			}
		}

	}

}
