package org.syndication.localstack;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ApiTokenTest {

	@TempDir
	Path dataDir;

	@Test
	void generatedTokenIsKeptAcrossRestarts() {
		String first = ApiToken.resolve(Map.of(), this.dataDir);
		String second = ApiToken.resolve(Map.of(), this.dataDir);

		assertThat(first).matches("[A-Za-z0-9_-]{43}");
		assertThat(second).isEqualTo(first);
		assertThat(this.dataDir.resolve("api-token")).content().isEqualToIgnoringNewLines(first);
	}

	@Test
	void environmentVariableWinsOverTheKeptToken() {
		ApiToken.resolve(Map.of(), this.dataDir);

		assertThat(ApiToken.resolve(Map.of("SYNDICATION_API_TOKEN", "from-env"), this.dataDir)).isEqualTo("from-env");
	}

}
