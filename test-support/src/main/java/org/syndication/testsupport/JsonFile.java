package org.syndication.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** The figures of a benchmark as JSON, for {@code --json-out FILE}. */
public final class JsonFile {

	private JsonFile() {
	}

	public static void write(Path file, Map<String, Object> json) throws IOException {
		Files.writeString(file, JsonMapper.builder().build().writeValueAsString(json) + "\n");
	}

}
