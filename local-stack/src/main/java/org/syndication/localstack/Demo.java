package org.syndication.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sample articles for a publisher that has none yet. The articles are resource files in
 * {@code demo/}, listed in {@code demo/articles.txt}, so they can be edited without
 * touching code.
 */
final class Demo {

	private static final Pattern TOTAL_ITEMS = Pattern.compile("\"totalItems\"\\s*:\\s*(\\d+)");

	private static final Pattern NO_ITEMS = Pattern.compile("\"items\"\\s*:\\s*\\[\\s*\\]");

	private static final Pattern TITLE = Pattern.compile("\"title\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final String baseUrl;

	private final String apiToken;

	private final PrintStream out;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	Demo(String baseUrl, String apiToken, PrintStream out) {
		this.baseUrl = baseUrl;
		this.apiToken = apiToken;
		this.out = out;
	}

	void publishIfEmpty() {
		try {
			Optional<Long> existing = existingArticles();
			if (existing.isEmpty()) {
				this.out.println("- demo: cannot tell whether the publisher has articles; not adding samples");
				return;
			}
			if (existing.get() > 0) {
				this.out.printf("- demo: the publisher already has %d article(s); not adding samples%n",
						existing.get());
				return;
			}
			for (String name : resource("articles.txt").lines().map(String::strip).toList()) {
				if (!name.isEmpty() && !name.startsWith("#")) {
					publish(name);
				}
			}
		}
		catch (IOException ex) {
			this.out.println("- demo: the publisher did not answer: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Optional<Long> existingArticles() throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request("/api/articles?size=1").GET().build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			return Optional.empty();
		}
		return existingArticles(response.body());
	}

	// Loose on purpose: a JSON library for two fields is not worth a dependency.
	static Optional<Long> existingArticles(String page) {
		Matcher total = TOTAL_ITEMS.matcher(page);
		if (total.find()) {
			return Optional.of(Long.parseLong(total.group(1)));
		}
		return NO_ITEMS.matcher(page).find() ? Optional.of(0L) : Optional.empty();
	}

	private void publish(String name) throws IOException, InterruptedException {
		String json = resource(name);
		HttpResponse<String> response = this.http
			.send(request("/api/articles").header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
				.build(), HttpResponse.BodyHandlers.ofString());
		String title = title(json);
		if (response.statusCode() == 201) {
			this.out.printf("- demo: 201 %s -> %s%n", title,
					response.headers().firstValue("Location").orElse("created"));
		}
		else {
			String body = response.body();
			this.out.printf("- demo: %d for %s (%s): %s%n", response.statusCode(), name, title,
					body.length() > 300 ? body.substring(0, 300) + "..." : body);
		}
	}

	static String title(String json) {
		Matcher title = TITLE.matcher(json);
		return title.find() ? "\"" + title.group(1) + "\"" : "(untitled)";
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + this.apiToken)
			.header("Accept", "application/json");
	}

	private static String resource(String name) {
		try (InputStream in = Demo.class.getResourceAsStream("/demo/" + name)) {
			if (in == null) {
				throw new IllegalStateException("Resource demo/" + name + " is missing");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
