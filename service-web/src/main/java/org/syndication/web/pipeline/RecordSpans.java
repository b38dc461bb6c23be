package org.syndication.web.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.slf4j.MDC;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * One consumer span for each record of a batch, each continuing the trace its record
 * carries in {@code traceparent}, so that an article's trace shows where every service
 * applied its change. The records of a batch are applied together: their spans start when
 * the batch arrives and end when it is applied. When the batch fails at a record, the
 * spans of the records before it end as applied, the failed record's with the error, and
 * those after it are dropped, because those records come again.
 */
public final class RecordSpans {

	private static final String ARTICLE_ID = "articleId";

	private final Traces traces;

	private final List<Span> spans;

	private boolean ended;

	private RecordSpans(Traces traces, List<Span> spans) {
		this.traces = traces;
		this.spans = spans;
	}

	/**
	 * Starts a span for each record of a batch a Spring Cloud Stream batch binding
	 * received.
	 * @param traces where spans come from
	 * @param name what applying a record is called in this service
	 * @param batch the batch, with the records' headers as the binder converts them
	 * @return the spans, started
	 */
	public static RecordSpans start(Traces traces, String name, Message<? extends List<?>> batch) {
		MessageHeaders headers = batch.getHeaders();
		int size = batch.getPayload().size();
		List<?> recordHeaders = headers.get(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.class);
		List<?> partitions = headers.get(KafkaHeaders.RECEIVED_PARTITION, List.class);
		List<?> offsets = headers.get(KafkaHeaders.OFFSET, List.class);
		String topic = topic(headers);
		List<Span> spans = new ArrayList<>(size);
		for (int index = 0; index < size; index++) {
			Span span = traces.start(name, Span.Kind.CONSUMER, traceParent(element(recordHeaders, index)));
			if (!span.isNoop()) {
				span.tag("messaging.system", "kafka");
				span.tag("messaging.batch.message_count", size);
				if (topic != null) {
					span.tag("messaging.destination.name", topic);
				}
				tagIfPresent(span, "messaging.destination.partition.id", element(partitions, index));
				tagIfPresent(span, "messaging.kafka.offset", element(offsets, index));
			}
			spans.add(span);
		}
		return new RecordSpans(traces, spans);
	}

	/**
	 * Names the article and event of a record on its span.
	 */
	public void identify(int index, Object articleId, Object eventId) {
		Span span = this.spans.get(index);
		if (articleId != null) {
			span.tag("article.id", articleId.toString());
		}
		if (eventId != null) {
			span.tag("event.id", eventId.toString());
		}
	}

	/**
	 * Runs work on one record with its span in scope and its article in the log's context
	 * ({@code articleId}), so that what is logged meanwhile names both.
	 * @param index the record's position in the batch
	 * @param key the record's key, the article's id, as the binder gives it (text or
	 * UTF-8 bytes), or {@code null}
	 * @param work what to do
	 * @return what the work returned
	 */
	public <T> T inScope(int index, Object key, Supplier<T> work) {
		try (Tracer.SpanInScope scope = this.traces.inScope(this.spans.get(index))) {
			if (key == null) {
				return work.get();
			}
			String articleId = (key instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8)
					: key.toString();
			try (MDC.MDCCloseable article = MDC.putCloseable(ARTICLE_ID, articleId)) {
				return work.get();
			}
		}
	}

	/**
	 * @return the {@code traceparent} that makes what a record causes later (a push, a
	 * mail) part of its trace, below the span that applied it; {@code null} when it is
	 * not traced
	 */
	public String traceParent(int index) {
		return this.traces.parentOf(this.spans.get(index));
	}

	/** Ends every span: the whole batch was applied. */
	public void applied() {
		failed(this.spans.size(), null);
	}

	/**
	 * Ends the spans of a batch that failed at a record.
	 * @param index the record that failed; those before it were applied
	 * @param failure why
	 */
	public void failed(int index, Throwable failure) {
		if (this.ended) {
			return;
		}
		this.ended = true;
		for (int i = 0; i < this.spans.size(); i++) {
			Span span = this.spans.get(i);
			if (i < index) {
				span.end();
			}
			else if (i == index) {
				span.error(failure);
				span.end();
			}
			else {
				span.abandon();
			}
		}
	}

	private static String topic(MessageHeaders headers) {
		Object topic = headers.get(KafkaHeaders.RECEIVED_TOPIC);
		if (topic instanceof List<?> topics && !topics.isEmpty()) {
			topic = topics.get(0);
		}
		return (topic != null) ? topic.toString() : null;
	}

	private static Object element(List<?> list, int index) {
		return (list != null && index < list.size()) ? list.get(index) : null;
	}

	private static void tagIfPresent(Span span, String key, Object value) {
		if (value != null) {
			span.tag(key, value.toString());
		}
	}

	private static String traceParent(Object recordHeaders) {
		if (!(recordHeaders instanceof Map<?, ?> map)) {
			return null;
		}
		Object value = map.get(Traces.TRACEPARENT);
		if (value instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		return (value != null) ? value.toString() : null;
	}

}
