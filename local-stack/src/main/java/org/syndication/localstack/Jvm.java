package org.syndication.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * How to start another JVM like this one: the same {@code java} binary and this JVM's
 * classpath, filtered per child.
 */
public final class Jvm {

	private Jvm() {
	}

	public static String javaExecutable() {
		// The command of this process is the java binary that started it, whatever the
		// PATH
		// says; java.home is the fallback where the OS does not tell.
		return ProcessHandle.current()
			.info()
			.command()
			.filter((command) -> Files.isExecutable(Path.of(command)))
			.orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java")
				.toString());
	}

	/**
	 * The entries of this JVM's classpath, with the {@code Class-Path} of manifest-only
	 * jars expanded: {@code java -jar local-stack.jar} and Surefire's booter jar both
	 * report a single jar in {@code java.class.path}, and a child needs the real list to
	 * leave jars out.
	 */
	static List<Path> classpath() {
		Set<Path> entries = new LinkedHashSet<>();
		for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
			if (!entry.isBlank()) {
				addWithManifestClassPath(Path.of(entry).toAbsolutePath().normalize(), entries);
			}
		}
		return List.copyOf(entries);
	}

	static String classpath(Predicate<Path> include) {
		List<String> kept = new ArrayList<>();
		for (Path entry : classpath()) {
			if (include.test(entry)) {
				kept.add(entry.toString());
			}
		}
		return String.join(java.io.File.pathSeparator, kept);
	}

	static boolean jarNamed(Path entry, String artifactId) {
		String name = entry.getFileName().toString();
		return name.endsWith(".jar") && name.startsWith(artifactId + "-");
	}

	private static void addWithManifestClassPath(Path entry, Set<Path> entries) {
		if (!entries.add(entry) || !Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
			return;
		}
		for (Path referenced : manifestClassPath(entry)) {
			addWithManifestClassPath(referenced, entries);
		}
	}

	static List<Path> manifestClassPath(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			Manifest manifest = file.getManifest();
			String classPath = (manifest != null) ? manifest.getMainAttributes().getValue("Class-Path") : null;
			if (classPath == null || classPath.isBlank()) {
				return List.of();
			}
			// Entries are URLs relative to the jar (maven-jar-plugin) or absolute file:
			// URLs
			// (Surefire), separated by spaces and percent-encoded.
			URI base = jar.getParent().toUri();
			List<Path> referenced = new ArrayList<>();
			for (String url : classPath.trim().split("\\s+")) {
				Path path = Paths.get(base.resolve(url)).normalize();
				if (Files.exists(path)) {
					referenced.add(path);
				}
			}
			return referenced;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the manifest of " + jar, ex);
		}
	}

	private static boolean isWindows() {
		return System.getProperty("os.name").toLowerCase().startsWith("windows");
	}

}
