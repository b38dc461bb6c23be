package org.syndication.feed.websub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.micrometer.tracing.Span;
import org.syndication.feed.web.RenderedFeed;
import org.syndication.web.pipeline.Traces;

import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriUtils;

/**
 * The hub's requests to subscribers' callbacks: verifications of intent and pushes. It
 * follows no redirect (one could lead where the callback policy forbids), checks the
 * callback's addresses before every request, and reads no more of an answer than it
 * needs.
 */
class CallbackClient {

	static final String SIGNATURE_HEADER = "X-Hub-Signature";

	private final HttpClient http;

	private final CallbackPolicy policy;

	private final HubSettings settings;

	private final String hubUrl;

	private final Traces traces;

	CallbackClient(CallbackPolicy policy, HubSettings settings, String hubUrl, Traces traces) {
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(settings.connectTimeout())
			.build();
		this.policy = policy;
		this.settings = settings;
		this.hubUrl = hubUrl;
		this.traces = traces;
	}

	/**
	 * Asks the callback to confirm a subscription or unsubscription (WebSub 5.3): a GET
	 * that it must answer with a 2xx and the challenge as the body.
	 * @param lease the lease granted, in seconds, or {@code null} for an unsubscription
	 * @return whether the callback confirmed
	 */
	boolean verify(URI callback, String mode, String topic, String challenge, Long lease)
			throws IOException, InterruptedException {
		this.policy.check(callback);
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
		// Shorter than a push's: a subscriber answers a verification at once, and a
		// callback that does not must not hold a verification thread for long.
		HttpRequest request = HttpRequest.newBuilder(URI.create(url.toString()))
			.timeout(this.settings.verificationTimeout())
			.GET()
			.build();
		HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			if (response.statusCode() / 100 != 2) {
				return false;
			}
			int limit = (int) this.settings.maxChallengeResponse().toBytes();
			byte[] answer = body.readNBytes(limit + 1);
			return answer.length <= limit && new String(answer, StandardCharsets.UTF_8).strip().equals(challenge);
		}
	}

	/**
	 * Posts the feed to the callback (WebSub 7): its body and type, the hub and self
	 * links, and the body's HMAC-SHA256 when the subscriber gave a secret. A push owed
	 * for a traced change is a span of that change's trace, naming the callback's host
	 * (not its URL, which may hold a subscriber's token) and the answer; the trace
	 * context is not sent to the subscriber, who is outside the system.
	 * @param trace the trace of the change the push is owed for, {@code null} if none
	 * @return the status the callback answered with
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
		this.policy.check(callback);
		HttpRequest.Builder request = HttpRequest.newBuilder(callback)
			.timeout(this.settings.requestTimeout())
			.header(HttpHeaders.CONTENT_TYPE, feed.mediaType().toString())
			.header(HttpHeaders.LINK, "<" + this.hubUrl + ">; rel=\"hub\", <" + topic + ">; rel=\"self\"")
			.POST(HttpRequest.BodyPublishers.ofByteArray(feed.body()));
		if (secret != null) {
			request.header(SIGNATURE_HEADER, "sha256=" + signature(secret, feed.body()));
		}
		return this.http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()).thenApply((response) -> {
			// The answer's body means nothing to the hub: not read, however long.
			try (InputStream body = response.body()) {
				return response.statusCode();
			}
			catch (IOException ex) {
				return response.statusCode();
			}
		});
	}

	/** The hex HMAC-SHA256 of a body under a subscriber's secret. */
	static String signature(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
