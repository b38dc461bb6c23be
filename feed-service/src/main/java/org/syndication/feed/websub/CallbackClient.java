package org.syndication.feed.websub;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.Span;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.syndication.feed.documents.RenderedFeed;
import org.syndication.web.pipeline.Traces;

import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriUtils;

/**
 * The hub's requests to subscribers' callbacks: verifications of intent and pushes. It
 * follows no redirect (one could lead where the callback policy forbids), connects only
 * to the addresses the policy checked (the callback's host is resolved once per
 * connection, by the policy, so a name that resolves elsewhere the second time, DNS
 * rebinding, gets nowhere), and reads no more of an answer than it needs. The pools are
 * {@link CallbackConnections}', the lookups {@link CheckedResolver}'s, and a push's
 * answer is read by {@link StatusOnly}.
 */
class CallbackClient implements Closeable {

	private final CloseableHttpClient verifications;

	private final CloseableHttpAsyncClient pushes;

	private final HubSettings settings;

	private final String hubUrl;

	private final Traces traces;

	CallbackClient(CallbackPolicy policy, HubSettings settings, String hubUrl, Traces traces) {
		DnsResolver resolver = new CheckedResolver(policy);
		this.verifications = CallbackConnections.verifications(resolver, settings);
		this.pushes = CallbackConnections.pushes(resolver, settings);
		this.pushes.start();
		this.settings = settings;
		this.hubUrl = hubUrl;
		this.traces = traces;
	}

	/**
	 * Asks the callback to confirm a subscription or unsubscription (WebSub 5.3): a GET
	 * that it must answer with a 2xx and the challenge as the body.
	 * @param lease the lease granted, in seconds, or {@code null} for an unsubscription
	 * @return whether the callback confirmed
	 * @throws CallbackPolicy.RefusedCallback when the callback's host resolves to an
	 * address the hub does not call
	 */
	boolean verify(URI callback, String mode, String topic, String challenge, Long lease) throws IOException {
		StringBuilder url = new StringBuilder(callback.toString());
		url.append((callback.getRawQuery() != null) ? '&' : '?')
			.append("hub.mode=")
			.append(mode)
			.append("&hub.topic=")
			.append(UriUtils.encodeQueryParam(topic, StandardCharsets.UTF_8))
			.append("&hub.challenge=")
			.append(challenge);
		if (lease != null) {
			url.append("&hub.lease_seconds=").append(lease);
		}
		HttpGet request = new HttpGet(URI.create(url.toString()));
		// The whole exchange, however slowly the callback drips its answer: a subscriber
		// answers a verification at once, and one that does not must not hold a
		// verification thread for long.
		CompletableFuture.delayedExecutor(this.settings.verificationTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.execute(request::cancel);
		try (ClassicHttpResponse response = this.verifications.executeOpen(null, request, null)) {
			try {
				if (response.getCode() / 100 != 2) {
					return false;
				}
				int limit = (int) this.settings.maxChallengeResponse().toBytes();
				HttpEntity entity = response.getEntity();
				byte[] answer = (entity != null) ? entity.getContent().readNBytes(limit + 1) : new byte[0];
				return answer.length <= limit && new String(answer, StandardCharsets.UTF_8).strip().equals(challenge);
			}
			finally {
				// Closes the connection rather than reading the rest of the answer.
				request.cancel();
			}
		}
		catch (CheckedResolver.Refused ex) {
			throw ex.refusal();
		}
	}

	/**
	 * Posts the feed to the callback (WebSub 7): its body and type, the hub and self
	 * links, and the body's HMAC-SHA256 when the subscriber gave a secret. A push owed
	 * for a traced change is a span of that change's trace, naming the callback's host
	 * (not its URL, which may hold a subscriber's token) and the answer; the trace
	 * context is not sent to the subscriber, who is outside the system.
	 * @param trace the trace of the change the push is owed for, {@code null} if none
	 * @return the status the callback answered with; it fails with
	 * {@link CallbackPolicy.RefusedCallback} when the callback's host resolves to an
	 * address the hub does not call
	 */
	CompletableFuture<Integer> push(URI callback, String topic, String secret, RenderedFeed feed, String trace) {
		if (trace == null) {
			return post(callback, topic, secret, feed);
		}
		Span span = this.traces.start("websub push", Span.Kind.CLIENT, trace)
			.tag("websub.topic", topic)
			.tag("server.address", String.valueOf(callback.getHost()))
			.tag("http.request.method", "POST");
		CompletableFuture<Integer> status;
		try {
			status = post(callback, topic, secret, feed);
		}
		catch (RuntimeException ex) {
			span.error(ex);
			span.end();
			throw ex;
		}
		return status.whenComplete((code, failure) -> {
			if (failure != null) {
				span.error(failure);
			}
			else {
				span.tag("http.response.status_code", code.longValue());
			}
			span.end();
		});
	}

	private CompletableFuture<Integer> post(URI callback, String topic, String secret, RenderedFeed feed) {
		AsyncRequestBuilder request = AsyncRequestBuilder.post(callback)
			.setHeader(HttpHeaders.CONTENT_TYPE, feed.mediaType().toString())
			.setHeader(HttpHeaders.LINK, "<" + this.hubUrl + ">; rel=\"hub\", <" + topic + ">; rel=\"self\"")
			.setEntity(AsyncEntityProducers.create(feed.body(), null));
		if (secret != null) {
			request.setHeader(PushSignature.HEADER, PushSignature.of(secret, feed.body()));
		}
		CompletableFuture<Integer> status = new CompletableFuture<>();
		Future<Integer> exchange = this.pushes.execute(request.build(), new StatusOnly(), null, new FutureCallback<>() {

			@Override
			public void completed(Integer code) {
				status.complete(code);
			}

			@Override
			public void failed(Exception ex) {
				status.completeExceptionally((ex instanceof CheckedResolver.Refused refused) ? refused.refusal() : ex);
			}

			@Override
			public void cancelled() {
				status.completeExceptionally(new SocketTimeoutException(
						"No answer within " + CallbackClient.this.settings.requestTimeout()));
			}

		});
		CompletableFuture.delayedExecutor(this.settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.execute(() -> exchange.cancel(true));
		return status;
	}

	@Override
	public void close() throws IOException {
		this.pushes.close(CloseMode.GRACEFUL);
		this.verifications.close(CloseMode.GRACEFUL);
	}

}
