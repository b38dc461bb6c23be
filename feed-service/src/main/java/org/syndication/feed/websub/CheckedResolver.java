package org.syndication.feed.websub;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves a callback's host once per connection, through the callback policy, so that
 * the addresses connected to are those it allowed.
 */
record CheckedResolver(CallbackPolicy policy) implements DnsResolver {

	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		try {
			return this.policy.addresses(host);
		}
		catch (CallbackPolicy.RefusedCallback ex) {
			throw new Refused(ex);
		}
	}

	@Override
	public String resolveCanonicalHostname(String host) {
		return host;
	}

	/**
	 * A refusal on its way through the HTTP client, which expects lookups to fail so.
	 */
	static final class Refused extends UnknownHostException {

		private final CallbackPolicy.RefusedCallback refusal;

		Refused(CallbackPolicy.RefusedCallback refusal) {
			super(refusal.getMessage());
			this.refusal = refusal;
		}

		CallbackPolicy.RefusedCallback refusal() {
			return this.refusal;
		}

	}

}
