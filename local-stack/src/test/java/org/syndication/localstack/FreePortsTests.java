package org.syndication.localstack;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTests {

	@Test
	void aPortIsNeverHandedOutTwiceInOneProcess() {
		Set<Integer> ports = new HashSet<>();
		for (int i = 0; i < 500; i++) {
			int port = FreePorts.find();
			assertThat(ports.add(port)).as("port %d handed out again", port).isTrue();
			assertThat(FreePorts.isFree(port)).isTrue();
		}
	}

}
