package org.syndication.notifier.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.tracing.Span;
import org.syndication.notifier.mail.SendOutcome;
import org.syndication.web.pipeline.Traces;

/**
 * The sending of a claim's alerts in their articles' traces: one span for each article
 * among the claimed mails, not one per mail, so that a fan-out to a hundred thousand
 * subscribers adds a span per claimed chunk (at most {@code notifier.claims.size} mails)
 * to its article's trace, and the memory spans take stays bounded by the chunk. Each span
 * counts what became of its mails; no span names a recipient.
 */
final class SendSpans implements AutoCloseable {

	private final Map<String, Sending> byTrace;

	private SendSpans(Map<String, Sending> byTrace) {
		this.byTrace = byTrace;
	}

	/**
	 * Starts a span for each traced article among the mails.
	 * @param traces where spans come from
	 * @param mails the mails about to be sent
	 * @return the spans, to be told each mail's outcome and closed when all are sent
	 */
	static SendSpans start(Traces traces, List<DueMail> mails) {
		Map<String, Sending> byTrace = new LinkedHashMap<>();
		for (DueMail mail : mails) {
			if (mail.trace() != null) {
				byTrace.computeIfAbsent(mail.trace(),
						(trace) -> new Sending(traces.start("mail send", Span.Kind.CLIENT, trace)
							.tag("article.id", String.valueOf(mail.articleId()))
							.tag("mail.kind", mail.kind().name().toLowerCase(Locale.ROOT)))).mails
					.incrementAndGet();
			}
		}
		return new SendSpans(byTrace);
	}

	/** Counts the outcome of one mail; called from the SMTP workers. */
	void record(DueMail mail, SendOutcome outcome) {
		Sending sending = (mail.trace() != null) ? this.byTrace.get(mail.trace()) : null;
		if (sending == null) {
			return;
		}
		if (outcome instanceof SendOutcome.Accepted) {
			sending.sent.incrementAndGet();
		}
		else if (outcome instanceof SendOutcome.TransientFailure) {
			sending.retried.incrementAndGet();
		}
		else {
			sending.failed.incrementAndGet();
		}
	}

	/** Ends every span with its counts; mails without an outcome were not started. */
	@Override
	public void close() {
		this.byTrace.values().forEach(Sending::end);
	}

	private static final class Sending {

		final Span span;

		final AtomicInteger mails = new AtomicInteger();

		final AtomicInteger sent = new AtomicInteger();

		final AtomicInteger retried = new AtomicInteger();

		final AtomicInteger failed = new AtomicInteger();

		Sending(Span span) {
			this.span = span;
		}

		void end() {
			this.span.tag("mail.count", this.mails.get())
				.tag("mail.sent", this.sent.get())
				.tag("mail.retried", this.retried.get())
				.tag("mail.failed", this.failed.get());
			this.span.end();
		}

	}

}
