package org.syndication.notifier.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;

/**
 * What one transaction of fan-outs shares: the fan-outs it ended, deleted together at its
 * end, the bound of a first chunk once read, and the spans of its chunks, which end when
 * it commits or fails.
 */
final class FanoutTransaction {

	final List<UUID> ended = new ArrayList<>();

	final List<Span> spans = new ArrayList<>();

	private boolean firstBoundRead;

	private UUID firstBound;

	void committed(Throwable failure) {
		for (Span span : this.spans) {
			if (failure != null) {
				span.error(failure);
			}
			span.end();
		}
	}

	/** The bound of a first chunk, {@code null} for none: read once. */
	UUID firstBound(Supplier<UUID> read) {
		if (!this.firstBoundRead) {
			this.firstBound = read.get();
			this.firstBoundRead = true;
		}
		return this.firstBound;
	}

}
