package org.syndication.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

class ZipkinProcessTest {

	/** Set by the build to where the local Maven repository keeps the jar. */
	private static final Path JAR = Path.of(System.getProperty("syndication.zipkin.jar", "zipkin-server-exec.jar"));

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path directory;

	@Test
	void zipkinAnswersOnLoopbackAndKeepsTheSpansItIsSent() throws Exception {
		assumeThat(JAR)
			.as("Zipkin's server is not in the local Maven repository (%s): ./run-local.sh --tracing fetches it", JAR)
			.isRegularFile();
		int port = FreePorts.find();
		ZipkinProcess zipkin = new ZipkinProcess(JAR, port, this.directory, this.directory.resolve("zipkin.log"));
		try {
			zipkin.start();
			assertThat(zipkin.spansEndpoint()).isEqualTo("http://127.0.0.1:" + port + "/api/v2/spans");

			HttpResponse<String> sent = this.http.send(HttpRequest.newBuilder(URI.create(zipkin.spansEndpoint()))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						[{"traceId": "5af7183fb1d4cf5f", "id": "6b221d5bc9e6496c", "name": "post /api/articles",
						  "timestamp": %d, "duration": 2000, "kind": "SERVER",
						  "localEndpoint": {"serviceName": "publisher-service"}}]
						""".formatted(System.currentTimeMillis() * 1000)))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);

			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(get("http://127.0.0.1:" + port + "/api/v2/services").body())
					.contains("publisher-service"));
			assertThat(get("http://127.0.0.1:" + port + "/zipkin/").statusCode()).isEqualTo(200);
			assertThat(Files.readString(this.directory.resolve("zipkin.log")))
				.contains("Serving HTTP at /127.0.0.1:" + port);
		}
		finally {
			zipkin.stop();
		}
		assertThat(zipkin.childProcess().isAlive()).isFalse();
		assertThat(FreePorts.isFree(port)).isTrue();
	}

	@Test
	void withoutItsJarZipkinSaysHowToFetchIt() {
		Path missing = this.directory.resolve("zipkin-server.jar");

		assertThatIllegalStateException()
			.isThrownBy(() -> new ZipkinProcess(missing, FreePorts.find(), this.directory,
					this.directory.resolve("zipkin.log")))
			.withMessageContaining(missing.toString())
			.withMessageContaining("./run-local.sh --tracing")
			.withMessageContaining(ZipkinProcess.FETCH);
	}

	@Test
	void zipkinListensOnLoopbackOnlyAndKeepsSpansInMemory() {
		assertThat(ZipkinProcess.command(Path.of("zipkin.jar"), 9411)).contains("-Xmx256m", "-jar", "zipkin.jar",
				"--armeria.ports[0].ip=127.0.0.1", "--armeria.ports[0].port=9411");
		assertThat(ZipkinProcess.environment(9411)).containsEntry("STORAGE_TYPE", "mem")
			.containsEntry("QUERY_PORT", "9411")
			.containsEntry("COLLECTOR_KAFKA_ENABLED", "false");
	}

	@Test
	void runLocalFetchesTheJarWhereTheLocalStackLooksForIt() throws Exception {
		Path checkout = Path.of("..").toAbsolutePath().normalize();
		String script = Files.readString(checkout.resolve("run-local.sh"));

		assertThat(script).contains(ZipkinProcess.FETCH)
			.contains(checkout.relativize(ZipkinProcess.jar(checkout)).toString())
			.contains("--tracing");
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
