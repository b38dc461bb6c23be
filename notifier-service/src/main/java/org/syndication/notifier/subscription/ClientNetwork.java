package org.syndication.notifier.subscription;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What the sign-up limit counts a client by: the network its address stands for, not the
 * address as written.
 * <ul>
 * <li>IPv6: the /64. A customer is given at least a /64 and picks addresses in it at will
 * (privacy extensions change them by the hour), so any narrower key is one per
 * request.</li>
 * <li>IPv4: the address itself (/32). IPv4 addresses are scarce and costly; many homes,
 * offices and carrier-grade NATs share one, so a wider prefix (a /24) would let one
 * client use up the allowance of hundreds of unrelated readers, while an attacker who
 * holds a whole /24 holds 256 paid-for addresses either way.</li>
 * <li>Loopback (127.0.0.0/8 and ::1): one client, the host itself, whichever of its
 * addresses it uses.</li>
 * </ul>
 * IPv4-mapped IPv6 addresses count as the IPv4 address they carry.
 */
final class ClientNetwork {

	/** What a servlet container gives as the remote address: a literal, never a name. */
	private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

	private ClientNetwork() {
	}

	/**
	 * @param remoteAddress the client's address, as the request gives it
	 * @return the key of its network
	 */
	static String of(String remoteAddress) {
		if (remoteAddress == null || !ADDRESS_LITERAL.matcher(remoteAddress).matches()) {
			// Not an IP literal (a Unix socket, a test's made-up client).
			return other(remoteAddress);
		}
		InetAddress address;
		try {
			// A literal: no name is looked up.
			address = InetAddress.getByName(remoteAddress);
		}
		catch (UnknownHostException ex) {
			return other(remoteAddress);
		}
		if (address.isLoopbackAddress()) {
			return "loopback";
		}
		if (address instanceof Inet4Address) {
			return "ipv4:" + address.getHostAddress();
		}
		if (address instanceof Inet6Address) {
			return "ipv6:" + HexFormat.of().formatHex(Arrays.copyOf(address.getAddress(), 8)) + "::/64";
		}
		return other(remoteAddress);
	}

	/** Anything else, as it is, within the length of a bucket key. */
	private static String other(String remoteAddress) {
		return "other:" + ((remoteAddress != null && remoteAddress.length() > 100) ? remoteAddress.substring(0, 100)
				: remoteAddress);
	}

}
