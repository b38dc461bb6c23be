package org.syndication.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A WebSub subscriber as a feed reader runs one: it confirms the hub's verification,
 * keeps every push whose signature matches its secret and counts the others.
 */
final class WebSubSubscriber implements AutoCloseable {

	private final HttpServer server;

	private final String secret;

	private final AtomicInteger verifications = new AtomicInteger();

	private final AtomicInteger forged = new AtomicInteger();

	private final List<byte[]> pushes = new CopyOnWriteArrayList<>();

	WebSubSubscriber(String secret) {
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
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/websub";
	}

	int verifications() {
		return this.verifications.get();
	}

	/** Pushes whose signature did not match. */
	int forged() {
		return this.forged.get();
	}

	List<byte[]> pushes() {
		return this.pushes;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (exchange.getRequestMethod().equals("GET")) {
				String challenge = Arrays.stream(exchange.getRequestURI().getRawQuery().split("&"))
					.filter((pair) -> pair.startsWith("hub.challenge="))
					.map((pair) -> URLDecoder.decode(pair.substring("hub.challenge=".length()), StandardCharsets.UTF_8))
					.findFirst()
					.orElse("");
				byte[] answer = challenge.getBytes(StandardCharsets.UTF_8);
				this.verifications.incrementAndGet();
				exchange.sendResponseHeaders(200, answer.length);
				exchange.getResponseBody().write(answer);
				return;
			}
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			String signature = exchange.getRequestHeaders().getFirst("X-Hub-Signature");
			if (signature == null || !MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
					("sha256=" + hmac(body)).getBytes(StandardCharsets.US_ASCII))) {
				this.forged.incrementAndGet();
				exchange.sendResponseHeaders(403, -1);
				return;
			}
			this.pushes.add(body);
			exchange.sendResponseHeaders(204, -1);
		}
	}

	private String hmac(byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
