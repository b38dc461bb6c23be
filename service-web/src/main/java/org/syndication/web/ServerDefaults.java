package org.syndication.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tomcat's limits for every service, tighter than its defaults, which wait 60 s for each
 * part of a request and keep an idle connection as long. A client that stops sending is
 * dropped after 10 s, an idle kept-alive connection after 20 s. The database's connection
 * pool gives up on a connection after 5 s instead of 30. These are defaults, below every
 * other source: the service's configuration or its environment wins.
 */
public class ServerDefaults implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("server.tomcat.connection-timeout", "10s");
		defaults.put("server.tomcat.keep-alive-timeout", "20s");
		// A database that does not answer is noticed within seconds, not after Hikari's
		// 30:
		// a request gets its 503 at once, readiness goes down, and consumers stop.
		defaults.put("spring.datasource.hikari.connection-timeout", "5000");
		defaults.put("spring.datasource.hikari.validation-timeout", "2000");
		environment.getPropertySources().addLast(new MapPropertySource("syndicationServerDefaults", defaults));
	}

}
