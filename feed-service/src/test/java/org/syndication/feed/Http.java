package org.syndication.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Requests to a running service over real HTTP, as a feed reader makes them.
 */
public final class Http {

	private final HttpClient client = HttpClient.newHttpClient();

	private final String base;

	public Http(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	public HttpResponse<byte[]> get(String path, String... headers) {
		return send("GET", path, headers);
	}

	public HttpResponse<byte[]> head(String path, String... headers) {
		return send("HEAD", path, headers);
	}

	public String body(String path) {
		return new String(get(path).body(), StandardCharsets.UTF_8);
	}

	private HttpResponse<byte[]> send(String method, String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
