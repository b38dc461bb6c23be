package org.syndication.web.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Tracing costs nothing until an operator says where spans go. Without
 * {@code management.tracing.export.zipkin.endpoint} no exporter runs and no trace is
 * sampled (Spring Boot would otherwise send spans to localhost:9411 and sample one trace
 * in ten); with it, every trace is sampled unless
 * {@code management.tracing.sampling.probability} says otherwise, since an operator who
 * follows an article wants its trace whole. Spans that follow no article stay off either
 * way: Spring Security's steps of every request, every run of a scheduled task, which the
 * services start several times a second to look for work, and every call of a binding's
 * function, which holds records of many traces.
 * <p>
 * These are defaults, below every other source: whatever the service's configuration or
 * its environment says wins.
 */
public class TracingDefaults implements EnvironmentPostProcessor {

	static final String ENDPOINT = "management.tracing.export.zipkin.endpoint";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean exported = StringUtils.hasText(environment.getProperty(ENDPOINT));
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("management.tracing.export.enabled", exported);
		defaults.put("management.tracing.sampling.probability", exported ? "1.0" : "0.0");
		defaults.put("management.observations.enable.spring.security", false);
		defaults.put("management.observations.enable.tasks.scheduled", false);
		// A span around each batch a binding gets, in no article's trace: the records'
		// own spans (RecordSpans) say what happened to each.
		defaults.put("management.observations.enable.spring.cloud.function", false);
		environment.getPropertySources().addLast(new MapPropertySource("syndicationTracingDefaults", defaults));
	}

}
