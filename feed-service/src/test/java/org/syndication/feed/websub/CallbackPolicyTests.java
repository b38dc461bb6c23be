package org.syndication.feed.websub;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbackPolicyTests {

	private static final Map<String, String[]> DNS = Map.of("public.example", new String[] { "93.184.215.14" },
			"split.example", new String[] { "93.184.215.14", "10.0.0.7" }, "rebound.example",
			new String[] { "127.0.0.1" }, "cgnat.example", new String[] { "100.64.3.4" }, "mapped.example",
			new String[] { "::ffff:192.168.1.1" });

	private final CallbackPolicy strict = new CallbackPolicy(false, false, CallbackPolicyTests::resolve);

	@Test
	void publicAddressesAreCalled() {
		assertThatNoException().isThrownBy(() -> this.strict.check(URI.create("https://public.example/cb")));
		assertThatNoException().isThrownBy(() -> this.strict.check(URI.create("http://93.184.215.14:8080/cb")));
	}

	@Test
	void loopbackIsRefusedUnlessAllowed() {
		assertThatThrownBy(() -> this.strict.check(URI.create("http://127.0.0.1:8082/cb")))
			.hasMessageContaining("a loopback address 127.0.0.1");
		assertThatThrownBy(() -> this.strict.check(URI.create("http://[::1]/cb"))).hasMessageContaining("loopback");
		assertThatThrownBy(() -> this.strict.check(URI.create("http://rebound.example/cb")))
			.hasMessageContaining("rebound.example resolves to a loopback address");
		CallbackPolicy local = new CallbackPolicy(true, false, CallbackPolicyTests::resolve);
		assertThatNoException().isThrownBy(() -> local.check(URI.create("http://127.0.0.1:8082/cb")));
		assertThatThrownBy(() -> local.check(URI.create("http://10.0.0.7/cb"))).hasMessageContaining("private");
	}

	@Test
	void aNameIsRefusedWhenAnyOfItsAddressesIs() {
		assertThatThrownBy(() -> this.strict.check(URI.create("https://split.example/cb")))
			.hasMessageContaining("a private address 10.0.0.7");
		assertThatThrownBy(() -> this.strict.check(URI.create("https://cgnat.example/cb")))
			.hasMessageContaining("a private address 100.64.3.4");
		assertThatThrownBy(() -> this.strict.check(URI.create("https://mapped.example/cb")))
			.hasMessageContaining("a private address 192.168.1.1");
		CallbackPolicy intranet = new CallbackPolicy(false, true, CallbackPolicyTests::resolve);
		assertThatNoException().isThrownBy(() -> intranet.check(URI.create("https://split.example/cb")));
	}

	@Test
	void onlyPlainHttpAndHttpsUrlsAreAccepted() {
		assertThat(this.strict.parse("https://reader.example/cb?user=7")).hasHost("reader.example");
		assertThatThrownBy(() -> this.strict.parse("ftp://reader.example/")).hasMessageContaining("http or https");
		assertThatThrownBy(() -> this.strict.parse("/relative")).hasMessageContaining("http or https");
		assertThatThrownBy(() -> this.strict.parse("https://reader.example/cb#part")).hasMessageContaining("fragment");
		assertThatThrownBy(() -> this.strict.parse("https://reader.example/" + "x".repeat(2000)))
			.hasMessageContaining("longer than 2000");
		assertThatThrownBy(() -> this.strict.parse("https://reader example/")).hasMessageContaining("not a URL");
	}

	private static InetAddress[] resolve(String host) throws UnknownHostException {
		String[] addresses = DNS.get(host);
		if (addresses == null) {
			return InetAddress.getAllByName(host);
		}
		InetAddress[] resolved = new InetAddress[addresses.length];
		for (int i = 0; i < addresses.length; i++) {
			resolved[i] = InetAddress.getByName(addresses[i]);
		}
		return resolved;
	}

}
