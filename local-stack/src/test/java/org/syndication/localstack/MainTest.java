package org.syndication.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MainTest {

	private static final KafkaUser PARTNER = KafkaCredentials.generate().user(KafkaCredentials.PUBLISHER);

	@TempDir
	Path checkout;

	@Test
	void tracingIsOffUnlessAskedFor() throws Exception {
		project();

		Main.Options plain = Main.Options.parse(new String[] { "--demo" }, this.checkout);
		Main.Options traced = Main.Options.parse(new String[] { "--tracing", "--data-dir", "elsewhere" },
				this.checkout);

		assertThat(plain.tracing()).isFalse();
		assertThat(plain.demo()).isTrue();
		assertThat(traced.tracing()).isTrue();
		assertThat(traced.demo()).isFalse();
		assertThat(traced.dataDir()).isEqualTo(this.checkout.resolve("elsewhere"));
		assertThat(traced.projectDir()).isEqualTo(this.checkout);
	}

	@Test
	void anUnknownOptionIsRefusedByName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Main.Options.parse(new String[] { "--trace" }, this.checkout))
			.withMessage("Unknown option: --trace");
	}

	@Test
	void helpDescribesTracingAndHowZipkinIsFetched() {
		assertThat(Main.Options.parse(new String[] { "--tracing", "--help" }, this.checkout).help()).isTrue();
		assertThat(Main.usage()).contains("[--tracing]")
			.contains("--tracing          also run a Zipkin server on 127.0.0.1:9411")
			.contains("http://localhost:9411/zipkin/")
			.contains("./run-local.sh --tracing")
			.contains(ZipkinProcess.FETCH)
			.doesNotContain("%s");
	}

	@Test
	void theBannerShowsZipkinsUiOnlyWithTracing() {
		List<Service> running = Service.all("token");

		String traced = Banner.text(running, "token", PARTNER, Path.of("data"), Duration.ofSeconds(45), true);
		String plain = Banner.text(running, "token", PARTNER, Path.of("data"), Duration.ofSeconds(45), false);

		assertThat(traced)
			.contains(" Zipkin          http://localhost:9411/zipkin/   (a trace of every request and event)");
		assertThat(plain).doesNotContain("Zipkin").doesNotContain("9411");
		assertThat(traced
			.replace(" Zipkin          http://localhost:9411/zipkin/   (a trace of every request and event)\n", ""))
			.isEqualTo(plain);
	}

	@Test
	void zipkinStopsAfterKafkaAndBeforeGreenMail() {
		assertThat(LocalStack.stopOrder(true)).isEqualTo("services, then Kafka, then Zipkin, then GreenMail");
		assertThat(LocalStack.stopOrder(false)).isEqualTo("services, then Kafka, then GreenMail");
	}

	private void project() throws Exception {
		Files.writeString(this.checkout.resolve("pom.xml"), "<project/>");
		Files.createDirectories(this.checkout.resolve("local-stack"));
	}

}
