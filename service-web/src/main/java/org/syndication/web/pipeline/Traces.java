package org.syndication.web.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The trace of an article change as it travels through the services: a W3C
 * {@code traceparent} value, kept in an outbox row, a Kafka record or a row of a queue,
 * and continued by the span of the next step. A value that is missing or malformed starts
 * a new trace; it is never an error. Only the trace context travels, never baggage.
 */
public final class Traces {

	/** The W3C trace context header, as a Kafka record or an HTTP request carries it. */
	public static final String TRACEPARENT = "traceparent";

	private static final Pattern WELL_FORMED = Pattern
		.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?");

	private final Tracer tracer;

	private final Propagator propagator;

	public Traces(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/**
	 * @return the {@code traceparent} of the span in scope, or {@code null} when there is
	 * none
	 */
	public String current() {
		Span span = this.tracer.currentSpan();
		return (span != null) ? parentOf(span) : null;
	}

	/**
	 * @return the {@code traceparent} that makes the next step a child of this span, or
	 * {@code null} for a span that records nothing
	 */
	public String parentOf(Span span) {
		if (span.isNoop()) {
			return null;
		}
		TraceContext context = span.context();
		Map<String, String> carrier = new HashMap<>(4);
		this.propagator.inject(context, carrier, Map::put);
		return carrier.get(TRACEPARENT);
	}

	/**
	 * Starts a span that continues the trace of a {@code traceparent}, or a new trace.
	 * @param name what the span does
	 * @param kind how it relates to its parent across processes; {@code null} for work
	 * within this process
	 * @param traceParent the parent's {@code traceparent}; {@code null} or malformed for
	 * a new trace
	 * @return the started span; the caller ends it
	 */
	public Span start(String name, Span.Kind kind, String traceParent) {
		if (!isWellFormed(traceParent)) {
			// Whatever span is in scope is not this work's parent.
			try (Tracer.SpanInScope none = this.tracer.withSpan(null)) {
				return started(this.tracer.spanBuilder(), name, kind);
			}
		}
		return started(this.propagator.extract(traceParent, (value, key) -> TRACEPARENT.equals(key) ? value : null),
				name, kind);
	}

	private static Span started(Span.Builder builder, String name, Span.Kind kind) {
		builder.name(name);
		if (kind != null) {
			builder.kind(kind);
		}
		return builder.start();
	}

	/**
	 * Whether a value can be a W3C {@code traceparent}: a version other than {@code ff},
	 * a trace id and a parent id in lower-case hex and not all zeros, and flags. Anything
	 * else starts a new trace rather than continuing whatever span happens to be in
	 * scope.
	 */
	static boolean isWellFormed(String traceParent) {
		if (traceParent == null || traceParent.length() < 55 || !WELL_FORMED.matcher(traceParent).matches()) {
			return false;
		}
		return !traceParent.startsWith("ff") && !traceParent.startsWith("00000000000000000000000000000000", 3)
				&& !traceParent.startsWith("0000000000000000", 36);
	}

	/** Puts a span in scope: logs written meanwhile carry its trace and span ids. */
	public Tracer.SpanInScope inScope(Span span) {
		return this.tracer.withSpan(span);
	}

}
