package org.syndication.web;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body is checked while the application reads it: every byte read goes
 * through a {@link Check}, which may refuse the body by throwing. The filters that limit
 * and validate bodies share it.
 */
final class CheckedBody extends HttpServletRequestWrapper {

	private final Supplier<Check> checks;

	private ServletInputStream stream;

	CheckedBody(HttpServletRequest request, Supplier<Check> checks) {
		super(request);
		this.checks = checks;
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.stream == null) {
			this.stream = new CheckedInputStream(super.getInputStream(), this.checks.get());
		}
		return this.stream;
	}

	/** What a filter checks of a body, as it is read. */
	interface Check {

		/**
		 * Bytes just read.
		 * @param buffer where they are
		 * @param offset the first
		 * @param length how many
		 * @throws IOException to refuse the body
		 */
		void read(byte[] buffer, int offset, int length) throws IOException;

		/**
		 * The body ended.
		 * @throws IOException to refuse the body
		 */
		default void end() throws IOException {
		}

	}

	private static final class CheckedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final Check check;

		private final byte[] single = new byte[1];

		CheckedInputStream(ServletInputStream delegate, Check check) {
			this.delegate = delegate;
			this.check = check;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b < 0) {
				this.check.end();
			}
			else {
				this.single[0] = (byte) b;
				this.check.read(this.single, 0, 1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n < 0) {
				this.check.end();
			}
			else if (n > 0) {
				this.check.read(buffer, offset, n);
			}
			return n;
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
