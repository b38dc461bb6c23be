package org.syndication.feed.websub;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The address ranges that no callback may be on, whatever the settings, and the IPv4
 * addresses that IPv6 addresses carry.
 *
 * <p>
 * The ranges are those of the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC
 * 6890), as of 2026, but for the loopback, private, link-local and unspecified ranges
 * that {@link CallbackPolicy} judges itself, and the forms that embed an IPv4 address,
 * which are judged by that address: a NAT64 address of a public server is what a DNS64
 * resolver answers, and must be called.
 */
final class SpecialPurposeAddresses {

	/**
	 * Never called, whether or not they are globally reachable: no subscriber is there.
	 */
	private static final List<Range> RESERVED = List.of(
			// IPv4 (iana-ipv4-special-registry)
			range("192.0.0.0", 24), // IETF protocol assignments, RFC 6890
			range("192.0.2.0", 24), // TEST-NET-1, documentation, RFC 5737
			range("192.31.196.0", 24), // AS112-v4, RFC 7535
			range("192.52.193.0", 24), // AMT, RFC 7450
			range("192.88.99.0", 24), // deprecated 6to4 relay anycast, RFC 7526
			range("192.175.48.0", 24), // direct delegation AS112, RFC 7534
			range("198.18.0.0", 15), // benchmarking, RFC 2544
			range("198.51.100.0", 24), // TEST-NET-2, RFC 5737
			range("203.0.113.0", 24), // TEST-NET-3, RFC 5737
			range("240.0.0.0", 4), // reserved, RFC 1112 (and 255.255.255.255, RFC 919)
			// IPv6 (iana-ipv6-special-registry)
			range("100::", 64), // discard-only, RFC 6666
			range("100:0:0:1::", 64), // dummy prefix, RFC 9780
			range("2001::", 23), // IETF protocol assignments, RFC 2928 (Teredo is judged
									// apart)
			range("2001:db8::", 32), // documentation, RFC 3849
			range("2620:4f:8000::", 48), // direct delegation AS112, RFC 7534
			range("3fff::", 20), // documentation, RFC 9637
			range("5f00::", 16), // segment routing (SRv6) SIDs, RFC 9602
			range("fec0::", 10)); // site-local, deprecated by RFC 3879

	private static final Range IPV4_COMPATIBLE = range("::", 96); // deprecated, RFC 4291

	private static final Range IPV4_MAPPED = range("::ffff:0:0", 96); // RFC 4291

	private static final Range NAT64 = range("64:ff9b::", 96); // RFC 6052

	private static final Range NAT64_LOCAL = range("64:ff9b:1::", 48); // RFC 8215

	private static final Range SIX_TO_FOUR = range("2002::", 16); // RFC 3056

	private static final Range TEREDO = range("2001::", 32); // RFC 4380

	private SpecialPurposeAddresses() {
	}

	/** Whether the address is in one of the reserved ranges. */
	static boolean isReserved(InetAddress address) {
		byte[] bytes = address.getAddress();
		return RESERVED.stream().anyMatch((range) -> range.contains(bytes));
	}

	/**
	 * The IPv4 addresses an IPv6 address carries, if it is one of the forms that do: all
	 * must be allowed for the address to be. None for any other address.
	 */
	static List<Inet4Address> embeddedIpv4(InetAddress address) {
		byte[] bytes = address.getAddress();
		List<Inet4Address> embedded = new ArrayList<>();
		if (bytes.length != 16) {
			return embedded;
		}
		if (IPV4_MAPPED.contains(bytes) || NAT64.contains(bytes)
				|| (IPV4_COMPATIBLE.contains(bytes) && !isUnspecifiedOrLoopback(bytes))) {
			embedded.add(ipv4(bytes[12], bytes[13], bytes[14], bytes[15]));
		}
		else if (NAT64_LOCAL.contains(bytes)) {
			// The operator chooses where in its prefix the address goes (RFC 6052, 2.2),
			// and the hub cannot know where: every place that fits in a /48 is taken at
			// its
			// word, so an address is called only if all of them are public. Byte 8 is
			// always skipped.
			embedded.add(ipv4(bytes[12], bytes[13], bytes[14], bytes[15])); // /96
			embedded.add(ipv4(bytes[9], bytes[10], bytes[11], bytes[12])); // /64
			embedded.add(ipv4(bytes[7], bytes[9], bytes[10], bytes[11])); // /56
			embedded.add(ipv4(bytes[6], bytes[7], bytes[9], bytes[10])); // /48
		}
		else if (SIX_TO_FOUR.contains(bytes)) {
			embedded.add(ipv4(bytes[2], bytes[3], bytes[4], bytes[5]));
		}
		else if (TEREDO.contains(bytes)) {
			// The Teredo server, and the client's address with every bit inverted.
			embedded.add(ipv4(bytes[4], bytes[5], bytes[6], bytes[7]));
			embedded.add(ipv4((byte) ~bytes[12], (byte) ~bytes[13], (byte) ~bytes[14], (byte) ~bytes[15]));
		}
		return embedded;
	}

	private static boolean isUnspecifiedOrLoopback(byte[] bytes) {
		for (int i = 0; i < 15; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return bytes[15] == 0 || bytes[15] == 1;
	}

	private static Inet4Address ipv4(byte a, byte b, byte c, byte d) {
		try {
			return (Inet4Address) InetAddress.getByAddress(new byte[] { a, b, c, d });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Range range(String literal, int bits) {
		try {
			// A literal address: no lookup. IPv4-mapped literals would come back as IPv4.
			byte[] prefix = InetAddress.getByName(literal).getAddress();
			if (literal.startsWith("::ffff:")) {
				prefix = new byte[16];
				prefix[10] = (byte) 0xff;
				prefix[11] = (byte) 0xff;
			}
			return new Range(prefix, bits);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A network: the first {@code bits} bits of {@code prefix}. */
	private record Range(byte[] prefix, int bits) {

		boolean contains(byte[] address) {
			if (address.length != this.prefix.length) {
				return false;
			}
			int whole = this.bits / 8;
			for (int i = 0; i < whole; i++) {
				if (address[i] != this.prefix[i]) {
					return false;
				}
			}
			int rest = this.bits % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (address[whole] & mask) == (this.prefix[whole] & mask);
		}

	}

}
