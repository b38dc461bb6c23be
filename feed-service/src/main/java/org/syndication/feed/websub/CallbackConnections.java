package org.syndication.feed.websub;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.util.Timeout;

/**
 * The pools of connections to callbacks: one for verifications, a thread waiting on each,
 * and an asynchronous one for pushes, each bounded by the hub's settings. Neither follows
 * a redirect, retries or asks for a compressed answer, and both resolve hosts only
 * through the resolver given.
 */
final class CallbackConnections {

	private CallbackConnections() {
	}

	static CloseableHttpClient verifications(DnsResolver resolver, HubSettings settings) {
		return HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(resolver)
				.setDefaultConnectionConfig(ConnectionConfig.copy(connections(settings))
					.setSocketTimeout(Timeout.of(settings.verificationTimeout()))
					.build())
				.setMaxConnTotal(settings.verificationThreads())
				.setMaxConnPerRoute(settings.verificationsPerHost())
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableContentCompression()
			.setDefaultRequestConfig(
					RequestConfig.custom().setResponseTimeout(Timeout.of(settings.verificationTimeout())).build())
			.build();
	}

	/** The client for pushes, not started yet. */
	static CloseableHttpAsyncClient pushes(DnsResolver resolver, HubSettings settings) {
		return HttpAsyncClients.custom()
			.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
				.setDnsResolver(resolver)
				.setDefaultConnectionConfig(connections(settings))
				.setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
				.setMaxConnTotal(settings.maxConcurrentPushes())
				.setMaxConnPerRoute(settings.maxConcurrentPushes())
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableContentCompression()
			.setDefaultRequestConfig(
					RequestConfig.custom().setResponseTimeout(Timeout.of(settings.requestTimeout())).build())
			.build();
	}

	private static ConnectionConfig connections(HubSettings settings) {
		return ConnectionConfig.custom()
			.setConnectTimeout(Timeout.of(settings.connectTimeout()))
			.setSocketTimeout(Timeout.of(settings.requestTimeout()))
			.build();
	}

}
