package org.syndication.localstack;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTests {

	private static final int CHILD_PORTS = 500;

	@Test
	void aPortIsNeverHandedOutTwiceInOneProcess() {
		Set<Integer> ports = new HashSet<>();
		for (int i = 0; i < 500; i++) {
			int port = FreePorts.find();
			assertThat(ports.add(port)).as("port %d handed out again", port).isTrue();
			assertThat(FreePorts.isFree(port)).isTrue();
		}
	}

	/**
	 * Two test processes at once (a parallel build, two test forks) each pick from the
	 * same range: without a reservation both would hand out some port before its server
	 * binds it (500 and 2,000 picks out of about 12,000 ports meet about 80 times).
	 */
	@Test
	void aPortAnotherRunningProcessHandedOutIsNotHandedOutHere() throws Exception {
		Process child = new ProcessBuilder(Jvm.javaExecutable(), "-cp", System.getProperty("java.class.path"),
				TakesPorts.class.getName(), String.valueOf(CHILD_PORTS))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		try {
			Set<Integer> theirs = new HashSet<>();
			BufferedReader lines = new BufferedReader(
					new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
			for (int i = 0; i < CHILD_PORTS; i++) {
				theirs.add(Integer.parseInt(lines.readLine()));
			}
			assertThat(theirs).hasSize(CHILD_PORTS);
			List<Integer> ours = new ArrayList<>();
			for (int i = 0; i < 2000; i++) {
				ours.add(FreePorts.find());
			}
			assertThat(ours).as("ports the other process holds").doesNotContainAnyElementsOf(theirs);
		}
		finally {
			child.getOutputStream().close();
			child.waitFor(10, TimeUnit.SECONDS);
			child.destroyForcibly();
		}
	}

	/**
	 * A second test process: takes ports, prints them, and holds them until stdin ends.
	 */
	static final class TakesPorts {

		public static void main(String[] args) throws Exception {
			for (int i = 0; i < Integer.parseInt(args[0]); i++) {
				System.out.println(FreePorts.find());
			}
			System.out.flush();
			while (System.in.read() != -1) {
				// Holds the ports until the test closes stdin.
			}
		}

	}

}
