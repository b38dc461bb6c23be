package org.syndication.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service started in this process, as a benchmark runs it: its own
 * {@code application.yml}, then the benchmark's properties, then the caller's overrides;
 * an HTTP port of its own on the loopback address, quiet logs. {@link #start} returns
 * once the service is ready for traffic.
 */
public final class InProcessService implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private InProcessService(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts the service.
	 * @param application its Spring Boot application class
	 * @param properties what the benchmark sets, {@code name} to {@code value}
	 * @param overrides further properties, {@code name=value}, which win over both
	 * @return the running service
	 */
	public static InProcessService start(Class<?> application, Map<String, String> properties, List<String> overrides) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("server.address", "127.0.0.1");
		settings.put("server.port", "0");
		settings.put("spring.main.banner-mode", "off");
		settings.put("logging.level.root", "WARN");
		// Flyway warns that H2 is newer than it was tested with; it works all the same.
		settings.put("logging.level.org.flywaydb", "ERROR");
		settings.putAll(properties);
		// An override replaces the setting of the same name: given twice, Spring would
		// join the two values with a comma.
		for (String override : overrides) {
			int equals = override.indexOf('=');
			if (equals < 1) {
				throw new IllegalArgumentException("An override is name=value, not " + override);
			}
			settings.put(override.substring(0, equals), override.substring(equals + 1));
		}
		List<String> arguments = new ArrayList<>();
		// As arguments, because these must win over the service's application.yml.
		settings.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application).logStartupInfo(false)
			.run(arguments.toArray(String[]::new));
		ReadinessState readiness = context.getBean(ApplicationAvailability.class).getReadinessState();
		if (readiness != ReadinessState.ACCEPTING_TRAFFIC) {
			context.close();
			throw new IllegalStateException(application.getSimpleName() + " started but is " + readiness);
		}
		return new InProcessService(context);
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	public <T> T bean(String name, Class<T> type) {
		return this.context.getBean(name, type);
	}

	public <T> Map<String, T> beans(Class<T> type) {
		return this.context.getBeansOfType(type);
	}

	public String property(String name) {
		return this.context.getEnvironment().getProperty(name);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
