package org.syndication.localstack;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class JvmTest {

	@TempDir
	Path directory;

	@Test
	void manifestOnlyJarListsRelativeAndAbsoluteEntries() throws Exception {
		Path lib = Files.createDirectories(this.directory.resolve("lib"));
		Path relative = Files.createFile(lib.resolve("kafka_2.13-4.2.1.jar"));
		Path absolute = Files.createFile(this.directory.resolve("with space.jar"));
		Path booter = writeManifestOnlyJar("lib/kafka_2.13-4.2.1.jar " + absolute.toUri() + " lib/missing.jar");

		assertThat(Jvm.manifestClassPath(booter)).containsExactly(relative, absolute);
	}

	@Test
	void jarIsRecognisedByArtifactIdNotByPrefix() {
		assertThat(Jvm.jarNamed(Path.of("/m2/greenmail-standalone-2.1.8.jar"), "greenmail-standalone")).isTrue();
		assertThat(Jvm.jarNamed(Path.of("/m2/greenmail-2.1.8.jar"), "greenmail-standalone")).isFalse();
		assertThat(Jvm.jarNamed(Path.of("/m2/log4j-to-slf4j-2.25.5.jar"), "log4j-to-slf4j")).isTrue();
		assertThat(Jvm.jarNamed(Path.of("/target/classes"), "log4j-to-slf4j")).isFalse();
	}

	@Test
	void childJvmUsesThisJavaBinary() {
		assertThat(Path.of(Jvm.javaExecutable())).isExecutable();
	}

	private Path writeManifestOnlyJar(String classPath) throws Exception {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
		Path jar = this.directory.resolve("booter.jar");
		try (OutputStream out = Files.newOutputStream(jar);
				JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
			jarOut.flush();
		}
		return jar;
	}

}
