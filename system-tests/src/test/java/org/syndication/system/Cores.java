package org.syndication.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The machine's cores, which the system test classes share: the build runs two classes at
 * once, each in a JVM of its own (see the pom), and most classes' scenarios wait on
 * outages, leases and retries as much as they compute. A class that measures how fast the
 * system answers under load of its own takes the cores alone, waiting until no other
 * class runs and keeping the others waiting until it is done. A file lock, shared or
 * exclusive, does it across the JVMs; the operating system releases it whatever ends a
 * JVM.
 */
final class Cores {

	private static final Path LOCK = Path.of("target", "system-cores.lock");

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Cores.class);

	private Cores() {
	}

	private static void take(ExtensionContext context, boolean shared) {
		try {
			Files.createDirectories(LOCK.toAbsolutePath().getParent());
			FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			channel.lock(0, Long.MAX_VALUE, shared);
			context.getStore(NAMESPACE).put(FileChannel.class, channel);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot lock " + LOCK, ex);
		}
	}

	private static void release(ExtensionContext context) throws IOException {
		FileChannel channel = context.getStore(NAMESPACE).remove(FileChannel.class, FileChannel.class);
		if (channel != null) {
			channel.close();
		}
	}

	/** Runs the class beside other classes that share the cores. */
	static final class Shared implements BeforeAllCallback, AfterAllCallback {

		@Override
		public void beforeAll(ExtensionContext context) {
			take(context, true);
		}

		@Override
		public void afterAll(ExtensionContext context) throws IOException {
			release(context);
		}

	}

	/** Runs the class with no other system test class running. */
	static final class Alone implements BeforeAllCallback, AfterAllCallback {

		@Override
		public void beforeAll(ExtensionContext context) {
			take(context, false);
		}

		@Override
		public void afterAll(ExtensionContext context) throws IOException {
			release(context);
		}

	}

}
