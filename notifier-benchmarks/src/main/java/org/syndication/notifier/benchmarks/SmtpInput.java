package org.syndication.notifier.benchmarks;

import java.io.IOException;
import java.io.InputStream;

/**
 * What an SMTP sender writes, read from a buffer of its own: command lines, and message
 * data to its closing dot.
 */
final class SmtpInput {

	private static final int MAX_LINE = 4096;

	private final InputStream in;

	private final byte[] buffer = new byte[64 * 1024];

	private int position;

	private int limit;

	SmtpInput(InputStream in) {
		this.in = in;
	}

	/**
	 * The next line without its line break; {@code null} at the end of the stream.
	 */
	String line() throws IOException {
		StringBuilder line = new StringBuilder();
		while (fill()) {
			byte b = this.buffer[this.position++];
			if (b == '\n') {
				int length = line.length();
				if (length > 0 && line.charAt(length - 1) == '\r') {
					line.setLength(length - 1);
				}
				return line.toString();
			}
			if (line.length() < MAX_LINE) {
				line.append((char) (b & 0xFF));
			}
		}
		return null;
	}

	/**
	 * Reads message data up to and including the line that holds a single dot.
	 * @return its size in bytes without that line, or -1 at the end of the stream
	 */
	long data() throws IOException {
		// 0 within a line, 1 at the start of one, 2 after a leading dot, 3 after
		// ".\r"
		int state = 1;
		long size = 0;
		while (fill()) {
			byte b = this.buffer[this.position++];
			size++;
			state = switch (state) {
				case 1 -> (b == '.') ? 2 : (b == '\n') ? 1 : 0;
				case 2 -> (b == '\r') ? 3 : (b == '\n') ? 1 : 0;
				case 3 -> (b == '\n') ? 4 : 0;
				default -> (b == '\n') ? 1 : 0;
			};
			if (state == 4) {
				return size - 3;
			}
		}
		return -1;
	}

	private boolean fill() throws IOException {
		if (this.position < this.limit) {
			return true;
		}
		int read = this.in.read(this.buffer);
		if (read <= 0) {
			return false;
		}
		this.position = 0;
		this.limit = read;
		return true;
	}

}
