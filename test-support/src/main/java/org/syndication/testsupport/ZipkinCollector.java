package org.syndication.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Zipkin's collector as the services see it: {@code POST /api/v2/spans} with a JSON list
 * of spans (Zipkin's v2 model, gzipped or not), answered 202. It keeps the spans it is
 * sent, the newest {@value #KEPT} of them, so that a test can read the traces the
 * services really exported, and counts them all.
 */
public final class ZipkinCollector implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService threads = Executors.newFixedThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "zipkin-collector");
		thread.setDaemon(true);
		return thread;
	});

	/** Enough for the traces a test follows, however long the system runs traced. */
	private static final int KEPT = 20_000;

	private final Deque<Span> spans = new ArrayDeque<>();

	private final AtomicLong received = new AtomicLong();

	private volatile int posts;

	public ZipkinCollector() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/api/v2/spans", this::collect);
		this.server.setExecutor(this.threads);
		this.server.start();
	}

	/**
	 * @return the URL to give a service as its Zipkin endpoint
	 */
	public String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/api/v2/spans";
	}

	/**
	 * @return every span received so far, in the order they came
	 */
	public List<Span> spans() {
		return List.copyOf(this.spans);
	}

	/**
	 * @return the spans of one trace received so far
	 */
	public List<Span> trace(String traceId) {
		return this.spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	/**
	 * @return how many spans were received in all, those no longer kept included
	 */
	public long received() {
		return this.received.get();
	}

	/**
	 * @return how many batches of spans were posted
	 */
	public int posts() {
		return this.posts;
	}

	private void collect(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!exchange.getRequestMethod().equals("POST")) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
				body = ("gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(in) : in).readAllBytes();
			}
			List<Span> received = new ArrayList<>();
			for (JsonNode span : JSON.readTree(body)) {
				received.add(Span.of(span));
			}
			synchronized (this.spans) {
				this.spans.addAll(received);
				while (this.spans.size() > KEPT) {
					this.spans.removeFirst();
				}
			}
			this.received.addAndGet(received.size());
			this.posts++;
			exchange.sendResponseHeaders(202, -1);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	/**
	 * A span as Zipkin's v2 model has it.
	 *
	 * @param parentId the parent span's id, {@code null} for the root of a trace
	 * @param kind CLIENT, SERVER, PRODUCER or CONSUMER, {@code null} for a local span
	 * @param service the local endpoint's service name: the application that recorded it
	 * @param tags its tags
	 */
	public record Span(String traceId, String id, String parentId, String name, String kind, String service,
			long timestampMicros, long durationMicros, Map<String, String> tags) {

		static Span of(JsonNode span) {
			Map<String, String> tags = new LinkedHashMap<>();
			JsonNode given = span.path("tags");
			given.propertyNames().forEach((name) -> tags.put(name, given.get(name).asString()));
			return new Span(span.path("traceId").asString(), span.path("id").asString(), text(span, "parentId"),
					text(span, "name"), text(span, "kind"), text(span.path("localEndpoint"), "serviceName"),
					span.path("timestamp").asLong(), span.path("duration").asLong(), Map.copyOf(tags));
		}

		private static String text(JsonNode node, String field) {
			JsonNode value = node.get(field);
			return (value != null && !value.isNull()) ? value.asString() : null;
		}

	}

}
