package org.syndication.feed.websub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.web.util.UriUtils;

/**
 * A WebSub subscriber as a feed reader runs one: an HTTP server on this machine that
 * confirms (or not) the hub's verifications, checks each push's signature against its
 * secret, and refuses a push whose signature does not match.
 */
final class Subscriber implements AutoCloseable {

	private final HttpServer server;

	private final String secret;

	private final List<Map<String, String>> verifications = new CopyOnWriteArrayList<>();

	private final List<Push> pushes = new CopyOnWriteArrayList<>();

	private final List<Push> refused = new CopyOnWriteArrayList<>();

	private final Deque<Integer> answers = new ArrayDeque<>();

	private volatile boolean confirms = true;

	Subscriber(String secret) {
		this.secret = secret;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	String callback() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/websub?reader=1";
	}

	/** Whether the subscriber echoes the challenge of verifications from now on. */
	void confirms(boolean confirms) {
		this.confirms = confirms;
	}

	/** The statuses the next pushes are answered with; 204 after these. */
	synchronized void answerPushesWith(Integer... statuses) {
		this.answers.addAll(List.of(statuses));
	}

	List<Map<String, String>> verifications() {
		return this.verifications;
	}

	/** Pushes taken, each with a signature that matched. */
	List<Push> pushes() {
		return this.pushes;
	}

	/** Pushes refused because their signature did not match. */
	List<Push> refused() {
		return this.refused;
	}

	/**
	 * Sends a push to this subscriber as a forger would, with no knowledge of the secret.
	 */
	int forge(byte[] body, String signature) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(callback()))
				.header("Content-Type", "application/atom+xml")
				.header("X-Hub-Signature", signature)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build();
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (exchange.getRequestMethod().equals("GET")) {
				Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
				this.verifications.add(query);
				byte[] answer = query.getOrDefault("hub.challenge", "").getBytes(StandardCharsets.UTF_8);
				if (!this.confirms) {
					exchange.sendResponseHeaders(404, -1);
					return;
				}
				exchange.sendResponseHeaders(200, answer.length);
				exchange.getResponseBody().write(answer);
				return;
			}
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			Push push = new Push(body, exchange.getRequestHeaders().getFirst("Content-Type"),
					exchange.getRequestHeaders().getFirst("Link"),
					exchange.getRequestHeaders().getFirst("X-Hub-Signature"));
			if (this.secret != null && !matches(push)) {
				this.refused.add(push);
				exchange.sendResponseHeaders(403, -1);
				return;
			}
			this.pushes.add(push);
			exchange.sendResponseHeaders(nextAnswer(), -1);
		}
	}

	private synchronized int nextAnswer() {
		Integer next = this.answers.poll();
		return (next != null) ? next : 204;
	}

	private boolean matches(Push push) {
		if (push.signature() == null || !push.signature().startsWith("sha256=")) {
			return false;
		}
		byte[] expected = ("sha256=" + hmacSha256(push.body())).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, push.signature().getBytes(StandardCharsets.US_ASCII));
	}

	private String hmacSha256(byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> values = new LinkedHashMap<>();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				int equals = pair.indexOf('=');
				values.put(UriUtils.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						UriUtils.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return values;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Push(byte[] body, String contentType, String link, String signature) {

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
