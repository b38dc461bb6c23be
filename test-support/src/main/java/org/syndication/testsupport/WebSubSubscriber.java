package org.syndication.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A WebSub subscriber as a feed reader runs one: an HTTP server on this machine that
 * confirms (or not) the hub's verifications by echoing the challenge, checks each push's
 * {@code X-Hub-Signature} against its secret with an HMAC-SHA256 of its own, and refuses
 * (403) a push whose signature does not match.
 */
public final class WebSubSubscriber implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService threads;

	private final String secret;

	private final List<Map<String, String>> verifications = new CopyOnWriteArrayList<>();

	private final List<Push> pushes = new CopyOnWriteArrayList<>();

	private final List<Push> refused = new CopyOnWriteArrayList<>();

	private final Deque<Integer> answers = new ArrayDeque<>();

	private volatile boolean confirms = true;

	private volatile Consumer<Push> listener = (push) -> {
	};

	/**
	 * @param secret the secret it subscribes with, or {@code null} for unsigned pushes
	 */
	public WebSubSubscriber(String secret) {
		this(secret, 4);
	}

	/**
	 * @param secret the secret it subscribes with, or {@code null} for unsigned pushes
	 * @param threads how many requests it serves at once
	 */
	public WebSubSubscriber(String secret, int threads) {
		this.secret = secret;
		this.threads = Executors.newFixedThreadPool(threads);
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.threads);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** Its callback URL, with a query of its own that the hub must keep. */
	public String callback() {
		return base() + "/websub?reader=1";
	}

	/** One of many callbacks on this server, told apart by their path. */
	public String callback(int number) {
		return base() + "/websub/" + number;
	}

	/** Whether it echoes the challenge of verifications from now on. */
	public void confirms(boolean confirms) {
		this.confirms = confirms;
	}

	/** The statuses the next pushes are answered with; 204 after these. */
	public synchronized void answerPushesWith(Integer... statuses) {
		this.answers.addAll(List.of(statuses));
	}

	/** Called with each push taken, as it arrives. */
	public void onPush(Consumer<Push> listener) {
		this.listener = listener;
	}

	/** The query parameters of each verification request. */
	public List<Map<String, String>> verifications() {
		return this.verifications;
	}

	/** Pushes taken: with a matching signature, or any when it has no secret. */
	public List<Push> pushes() {
		return this.pushes;
	}

	/** Pushes refused because their signature did not match. */
	public List<Push> refused() {
		return this.refused;
	}

	/** Sends a push to it as a forger would, without the secret. */
	public int forge(byte[] body, String signature) {
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

	private String base() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (exchange.getRequestMethod().equals("GET")) {
				Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
				this.verifications.add(query);
				if (!this.confirms) {
					exchange.sendResponseHeaders(404, -1);
					return;
				}
				byte[] answer = query.getOrDefault("hub.challenge", "").getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, answer.length);
				exchange.getResponseBody().write(answer);
				return;
			}
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			Push push = new Push(exchange.getRequestURI().getPath(), body,
					exchange.getRequestHeaders().getFirst("Content-Type"),
					exchange.getRequestHeaders().getFirst("Link"),
					exchange.getRequestHeaders().getFirst("X-Hub-Signature"), System.nanoTime());
			if (this.secret != null && !signedWithTheSecret(push)) {
				this.refused.add(push);
				exchange.sendResponseHeaders(403, -1);
				return;
			}
			this.pushes.add(push);
			this.listener.accept(push);
			exchange.sendResponseHeaders(nextAnswer(), -1);
		}
	}

	private synchronized int nextAnswer() {
		Integer next = this.answers.poll();
		return (next != null) ? next : 204;
	}

	private boolean signedWithTheSecret(Push push) {
		if (push.signature() == null) {
			return false;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] expected = ("sha256=" + HexFormat.of().formatHex(mac.doFinal(push.body())))
				.getBytes(StandardCharsets.US_ASCII);
			return MessageDigest.isEqual(expected, push.signature().getBytes(StandardCharsets.US_ASCII));
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
				values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return values;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	/**
	 * A push as it arrived.
	 *
	 * @param path the callback's path
	 * @param receivedAt {@link System#nanoTime()} when its body had been read
	 */
	public record Push(String path, byte[] body, String contentType, String link, String signature, long receivedAt) {

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
