package org.syndication.feed.websub;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which callbacks the hub will call. The hub makes requests to addresses that anybody on
 * the internet names, so without these rules a subscriber could make it reach services
 * behind the firewall (server-side request forgery): only http and https, no user info,
 * and no host that resolves to a loopback, private, link-local, multicast, unspecified or
 * other special-purpose address ({@link SpecialPurposeAddresses}), in whatever form,
 * unless loopback or private addresses are allowed explicitly. Every address a name
 * resolves to must be allowed. The check runs when a subscription is asked for and again
 * as the hub connects, its HTTP client resolving the name through {@link #addresses}
 * alone, so a name that later resolves elsewhere is refused then and the address
 * connected to is always one that was checked.
 */
class CallbackPolicy {

	static final int MAX_URL_LENGTH = 2000;

	private final boolean allowLoopback;

	private final boolean allowPrivate;

	private final Resolver resolver;

	CallbackPolicy(HubSettings settings) {
		this(settings.allowLoopback(), settings.allowPrivate(), InetAddress::getAllByName);
	}

	CallbackPolicy(boolean allowLoopback, boolean allowPrivate, Resolver resolver) {
		this.allowLoopback = allowLoopback;
		this.allowPrivate = allowPrivate;
		this.resolver = resolver;
	}

	/**
	 * The callback as a URI in its one spelling ({@link CallbackUrls}), if its form is
	 * acceptable; its host is not resolved.
	 * @throws RefusedCallback when it is not
	 */
	URI parse(String callback) {
		if (callback == null || callback.isBlank()) {
			throw new RefusedCallback("hub.callback is missing");
		}
		if (callback.length() > MAX_URL_LENGTH) {
			throw new RefusedCallback("hub.callback is longer than " + MAX_URL_LENGTH + " characters");
		}
		URI uri;
		try {
			uri = new URI(callback);
		}
		catch (URISyntaxException ex) {
			throw new RefusedCallback("hub.callback is not a URL: " + ex.getReason());
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new RefusedCallback("hub.callback must be an http or https URL");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new RefusedCallback("hub.callback has no host");
		}
		if (uri.getRawUserInfo() != null) {
			throw new RefusedCallback("hub.callback must not carry user information");
		}
		if (uri.getRawFragment() != null) {
			throw new RefusedCallback("hub.callback must not have a fragment");
		}
		if (CallbackUrls.host(uri).isEmpty()) {
			throw new RefusedCallback("hub.callback has no host");
		}
		return URI.create(CallbackUrls.normalise(uri));
	}

	/**
	 * Resolves the callback's host and checks every address.
	 * @throws RefusedCallback when the host is unknown or an address is not allowed
	 */
	void check(URI callback) {
		addresses(callback.getHost());
	}

	/**
	 * Resolves a host and checks every address: the addresses to connect to, and the only
	 * ones.
	 * @param host a host name, or an IP address literal (IPv6 in brackets or not)
	 * @throws RefusedCallback when the host is unknown or an address is not allowed
	 */
	InetAddress[] addresses(String host) {
		String name = host;
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		InetAddress[] addresses;
		try {
			addresses = this.resolver.resolve(name);
		}
		catch (UnknownHostException ex) {
			throw new RefusedCallback("hub.callback's host " + host + " is not known");
		}
		for (InetAddress address : addresses) {
			refusal(address).ifPresent((reason) -> {
				throw new RefusedCallback("hub.callback's host " + host + " resolves to " + reason
						+ ", to which this hub makes no requests");
			});
		}
		return addresses;
	}

	/**
	 * Why an address is not allowed, if it is not: "a loopback address 127.0.0.1", for
	 * instance. An IPv6 address that carries an IPv4 address (IPv4-mapped or -compatible,
	 * NAT64, 6to4, Teredo) is judged by the IPv4 address, which is where its packets end
	 * up.
	 */
	Optional<String> refusal(InetAddress address) {
		List<Inet4Address> embedded = SpecialPurposeAddresses.embeddedIpv4(address);
		if (!embedded.isEmpty()) {
			for (Inet4Address ipv4 : embedded) {
				Optional<String> refusal = refusal(ipv4);
				if (refusal.isPresent()) {
					return Optional.of(refusal.get() + " (in " + address.getHostAddress() + ")");
				}
			}
			return Optional.empty();
		}
		return kind(address).map((kind) -> kind + " address " + address.getHostAddress());
	}

	private Optional<String> kind(InetAddress address) {
		if (address.isLoopbackAddress()) {
			return this.allowLoopback ? Optional.empty() : Optional.of("a loopback");
		}
		if (address.isAnyLocalAddress() || isUnspecifiedOrBroadcast(address)) {
			return Optional.of("an unspecified or broadcast");
		}
		if (address.isLinkLocalAddress()) {
			return Optional.of("a link-local");
		}
		if (address.isMulticastAddress()) {
			return Optional.of("a multicast");
		}
		if (SpecialPurposeAddresses.isReserved(address)) {
			return Optional.of("a special-purpose (reserved)");
		}
		if (address.isSiteLocalAddress() || isUniqueLocal(address) || isSharedAddressSpace(address)) {
			return this.allowPrivate ? Optional.empty() : Optional.of("a private");
		}
		return Optional.empty();
	}

	/** 0.0.0.0/8 ("this network") and 255.255.255.255. */
	private static boolean isUnspecifiedOrBroadcast(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (!(address instanceof Inet4Address)) {
			return false;
		}
		boolean broadcast = true;
		for (byte b : bytes) {
			broadcast &= (b == (byte) 0xff);
		}
		return bytes[0] == 0 || broadcast;
	}

	/** fc00::/7, IPv6's private addresses (RFC 4193). */
	private static boolean isUniqueLocal(InetAddress address) {
		return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
	}

	/** 100.64.0.0/10, carrier-grade NAT (RFC 6598). */
	private static boolean isSharedAddressSpace(InetAddress address) {
		byte[] bytes = address.getAddress();
		return address instanceof Inet4Address && bytes[0] == 100 && (bytes[1] & 0xc0) == 64;
	}

	@FunctionalInterface
	interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	/** A callback the hub will not call, with the reason a subscriber is told. */
	static class RefusedCallback extends RuntimeException {

		RefusedCallback(String message) {
			super(message);
		}

	}

}
