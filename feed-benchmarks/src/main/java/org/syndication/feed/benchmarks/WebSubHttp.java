package org.syndication.feed.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.syndication.testsupport.Checks;
import org.syndication.testsupport.WebSubSubscriber;

import org.springframework.web.util.UriUtils;

/**
 * The WebSub benchmark's HTTP: subscribing at the hub, reading a feed, and the baseline
 * of the fan-out, a plain client posting a signed feed to every callback.
 */
final class WebSubHttp {

	private WebSubHttp() {
	}

	static void subscribe(HttpClient http, String local, String topic, String callback, String secret)
			throws Exception {
		String form = "hub.mode=subscribe&hub.topic=" + UriUtils.encodeQueryParam(topic, StandardCharsets.UTF_8)
				+ "&hub.callback=" + UriUtils.encodeQueryParam(callback, StandardCharsets.UTF_8) + "&hub.secret="
				+ secret;
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(local + "/hub"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		Checks.check(response.statusCode() == 202,
				() -> "the hub answered " + response.statusCode() + ": " + response.body());
	}

	static void awaitFeed(HttpClient http, String feed) throws Exception {
		long deadline = System.nanoTime() + WebSubBenchmark.PATIENCE.toNanos();
		while (http.send(HttpRequest.newBuilder(URI.create(feed)).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode() != 200) {
			Checks.check(System.nanoTime() < deadline,
					() -> feed + " did not appear within " + WebSubBenchmark.PATIENCE);
			Thread.sleep(20);
		}
	}

	static byte[] get(HttpClient http, String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray())
			.body();
	}

	/** Nanoseconds for a plain client to post the body to every callback. */
	static long plainFanOut(HttpClient http, WebSubSubscriber subscribers, int count, byte[] body, String secret) {
		Semaphore inFlight = new Semaphore(64);
		String signature = "sha256=" + hmac(secret, body);
		long start = System.nanoTime();
		List<CompletableFuture<Integer>> sent = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			inFlight.acquireUninterruptibly();
			HttpRequest request = HttpRequest.newBuilder(URI.create(subscribers.callback(i)))
				.header("Content-Type", "application/atom+xml;charset=utf-8")
				.header("X-Hub-Signature", signature)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build();
			sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
				.thenApply(HttpResponse::statusCode)
				.whenComplete((status, ex) -> inFlight.release()));
		}
		sent.forEach((status) -> Checks.check(status.join() == 204, () -> "a plain post failed"));
		return System.nanoTime() - start;
	}

	private static String hmac(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
