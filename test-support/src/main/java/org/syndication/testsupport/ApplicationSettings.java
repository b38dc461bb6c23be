package org.syndication.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * How a service's settings reach it: its application.yml, and the environment variables
 * Spring Boot's relaxed binding reads.
 */
final class ApplicationSettings {

	private ApplicationSettings() {
	}

	/**
	 * The environment variable that sets a key: upper case, with dots and dashes turned
	 * to underscores, as Spring Boot's relaxed binding reads it; a map's entries add
	 * their key to it.
	 * @param key the property's name
	 * @param type the property's type, as the metadata gives it
	 * @return the variable
	 */
	static String variable(String key, String type) {
		String variable = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
		return type.startsWith("java.util.Map<") ? variable + "_*" : variable;
	}

	/**
	 * Whether Spring Boot binds the key to the value of the environment variable, with
	 * application.yml's settings below the environment as at run time.
	 */
	static boolean reaches(String variable, String key, List<PropertySource<?>> yaml) {
		List<PropertySource<?>> sources = new ArrayList<>();
		sources.add(new SystemEnvironmentPropertySource("environment", Map.of(variable, "set")));
		sources.addAll(yaml);
		return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources))
			.bind(key, String.class)
			.map("set"::equals)
			.orElse(false);
	}

	/** application.yml's documents, or none where it does not exist. */
	static List<PropertySource<?>> yaml(Path applicationYaml) {
		if (!Files.isRegularFile(applicationYaml)) {
			return List.of();
		}
		try {
			return List.copyOf(
					new YamlPropertySourceLoader().load("application.yml", new FileSystemResource(applicationYaml)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The settings application.yml gives, by their names. */
	static Map<String, Object> configured(List<PropertySource<?>> yaml) {
		Map<String, Object> configured = new LinkedHashMap<>();
		for (PropertySource<?> source : yaml) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					configured.putIfAbsent(name, enumerable.getProperty(name));
				}
			}
		}
		return configured;
	}

}
