package org.syndication.web.pipeline;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * What the services record of an article change as it passes through them: its trace
 * ({@link Traces}) and, in the consumers, its age ({@link EventAge}). Without a tracer
 * (tracing not on the classpath) the traces are no-ops.
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration",
				"org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(Tracer.class)
public final class PipelineAutoConfiguration {

	/**
	 * The services' own spans, or none while tracing is off: a record that carries a
	 * sampled {@code traceparent} (from a publisher that traces) then costs a consumer
	 * nothing, and an event is written without one.
	 */
	@Bean
	@ConditionalOnMissingBean
	Traces traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator, Environment environment) {
		if (!environment.getProperty("management.tracing.export.enabled", Boolean.class, true)) {
			return new Traces(Tracer.NOOP, Propagator.NOOP);
		}
		return new Traces(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
	}

	/**
	 * Requests to the actuator are not observed: health probes and metric scrapes come
	 * every few seconds, follow no article, and would bury the traces and the request
	 * timings that do.
	 */
	@Bean
	@ConditionalOnClass(name = "org.springframework.http.server.observation.ServerRequestObservationContext")
	ObservationPredicate actuatorRequestsUnobserved() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& request.getCarrier() != null && request.getCarrier().getRequestURI().startsWith("/actuator"));
	}

	/** Only in a service that consumes a topic through Spring Cloud Stream. */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(value = MeterRegistry.class, name = "org.springframework.cloud.stream.binder.Binder")
	EventAge eventAge(ObjectProvider<MeterRegistry> registry, ObjectProvider<Clock> clock) {
		return new EventAge(registry.getIfAvailable(() -> Metrics.globalRegistry),
				clock.getIfAvailable(Clock::systemUTC));
	}

}
