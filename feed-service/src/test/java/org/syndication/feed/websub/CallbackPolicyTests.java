package org.syndication.feed.websub;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

	@ParameterizedTest(name = "{0} is refused as {1}")
	@CsvSource(delimiter = '|', textBlock = """
			::169.254.169.254                       | a link-local address 169.254.169.254
			::ffff:169.254.169.254                  | a link-local address 169.254.169.254
			::ffff:10.1.2.3                         | a private address 10.1.2.3
			64:ff9b::a9fe:a9fe                      | a link-local address 169.254.169.254
			64:ff9b::7f00:1                         | a loopback address 127.0.0.1
			64:ff9b:1:a9fe:a9:fe00::                | (in 64:ff9b:1:a9fe:a9:fe00:0:0)
			64:ff9b:1::a9fe:a9fe                    | a link-local address 169.254.169.254
			2002:a9fe:a9fe::1                       | a link-local address 169.254.169.254
			2002:7f00:1::1                          | a loopback address 127.0.0.1
			2002:c0a8:101::1                        | a private address 192.168.1.1
			2001:0:4136:e378:8000:63bf:5601:5601    | a link-local address 169.254.169.254
			2001:0:4136:e378:8000:63bf:80ff:fffe    | a loopback address 127.0.0.1
			::127.0.0.1                             | a loopback address 127.0.0.1
			::10.0.0.1                              | a private address 10.0.0.1
			""")
	void addressesEmbeddedInIpv6AreJudgedAsTheIpv4AddressTheyCarry(String address, String reason) {
		assertThatThrownBy(() -> this.strict.check(URI.create("http://[" + address + "]/cb")))
			.isInstanceOf(CallbackPolicy.RefusedCallback.class)
			.hasMessageContaining(reason);
	}

	@ParameterizedTest(name = "{0} is refused")
	@ValueSource(strings = { "192.0.0.1", "192.0.0.170", "192.0.2.1", "192.88.99.1", "198.18.0.1", "198.19.255.254",
			"198.51.100.7", "203.0.113.9", "240.0.0.1", "250.1.2.3", "255.255.255.255", "0.1.2.3", "[::]", "[100::1]",
			"[100:0:0:1::1]", "[2001:2::1]", "[2001:10::1]", "[2001:1ff::1]", "[2001:db8::1]", "[3fff::1]",
			"[3fff:fff::1]", "[5f00::1]", "[fec0::1]", "[ff02::1]", "[::ffff:192.0.2.1]", "[64:ff9b::c612:1]",
			"[2002:cb00:7101::1]", "[::240.0.0.1]" })
	void specialPurposeAddressesAreRefused(String host) {
		assertThatThrownBy(() -> this.strict.check(URI.create("http://" + host + "/cb")))
			.isInstanceOf(CallbackPolicy.RefusedCallback.class);
		CallbackPolicy lenient = new CallbackPolicy(true, true, CallbackPolicyTests::resolve);
		assertThatThrownBy(() -> lenient.check(URI.create("http://" + host + "/cb")))
			.as("with loopback and private addresses allowed")
			.isInstanceOf(CallbackPolicy.RefusedCallback.class);
	}

	@ParameterizedTest(name = "{0} is called")
	@ValueSource(strings = { "93.184.215.14", "1.1.1.1", "192.0.1.1", "198.17.255.1", "198.20.0.1", "203.0.114.1",
			"[2606:2800:21f:cb07:6820:80da:af6b:8b2c]", "[64:ff9b::5db8:d70e]", "[2002:5db8:d70e::1]",
			"[2001:0:4136:e378:8000:63bf:a247:28f1]", "[2a00:1450:4001:82b::200e]" })
	void publicAddressesInAnyFormAreCalled(String host) {
		assertThatNoException().isThrownBy(() -> this.strict.check(URI.create("http://" + host + "/cb")));
	}

	@Test
	void loopbackAndPrivateAddressesEmbeddedInIpv6AreCalledWhereAllowed() {
		CallbackPolicy lenient = new CallbackPolicy(true, true, CallbackPolicyTests::resolve);
		assertThatNoException().isThrownBy(() -> lenient.check(URI.create("http://[64:ff9b::a00:1]/cb")));
		assertThatNoException().isThrownBy(() -> lenient.check(URI.create("http://[2002:7f00:1::1]/cb")));
		assertThatThrownBy(() -> lenient.check(URI.create("http://[64:ff9b::a9fe:a9fe]/cb")))
			.hasMessageContaining("link-local");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "https://reader.example/cb/~me?user=7&q=a%2Fb",
			"HTTPS://Reader.Example/cb/~me?user=7&q=a%2Fb", "https://reader.example./cb/~me?user=7&q=a%2Fb",
			"https://reader.example:443/cb/~me?user=7&q=a%2Fb", "https://reader.example/%63b/%7Eme?user=7&q=a%2Fb",
			"https://reader.example/cb/~me?%75ser=%37&q=a%2fb",
			"hTTps://READER.example.:443/%63%62/%7eme?user=7&q=a%2fb" })
	void oneCallbackSpelledManyWaysIsOneCallback(String spelling) {
		assertThat(this.strict.parse(spelling)).hasToString("https://reader.example/cb/~me?user=7&q=a%2Fb");
	}

	@Test
	void callbacksAreNormalisedAsAWhole() {
		assertThat(this.strict.parse("http://reader.example")).hasToString("http://reader.example/");
		assertThat(this.strict.parse("http://reader.example:80?x")).hasToString("http://reader.example/?x");
		assertThat(this.strict.parse("http://reader.example:443/")).hasToString("http://reader.example:443/");
		assertThat(this.strict.parse("https://reader.example:80/")).hasToString("https://reader.example:80/");
		assertThat(this.strict.parse("http://[2001:DB8:0::1]:80/cb")).hasToString("http://[2001:db8::1]/cb");
		assertThat(this.strict.parse("http://reader.example/a%20b/%C3%A9"))
			.hasToString("http://reader.example/a%20b/%C3%A9");
		assertThatThrownBy(() -> this.strict.parse("http://./cb")).hasMessageContaining("no host");
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
