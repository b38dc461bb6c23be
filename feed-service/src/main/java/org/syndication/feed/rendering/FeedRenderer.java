package org.syndication.feed.rendering;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

/**
 * Renders a channel and its items as RSS 2.0, Atom 1.0 or JSON Feed 1.1.
 * <p>
 * Output is UTF-8 and deterministic: the same input gives the same bytes, so it can be
 * cached and tagged by content. Items keep the given order (callers pass newest first);
 * item ids are {@code urn:uuid:<article id>} in every format. Characters XML 1.0 forbids
 * are removed from every string first, so old data cannot break a feed. Thread-safe.
 */
@Component
public class FeedRenderer {

	private final Map<FeedFormat, FeedWriter> writers;

	public FeedRenderer() {
		this(Map.of(FeedFormat.RSS, new RssWriter(), FeedFormat.ATOM, new AtomWriter(), FeedFormat.JSON_FEED,
				new JsonFeedWriter()));
	}

	FeedRenderer(Map<FeedFormat, FeedWriter> writers) {
		this.writers = new EnumMap<>(writers);
	}

	/**
	 * Renders the feed within a byte cap; see
	 * {@link #renderDetailed(FeedFormat, FeedChannel, List, long)}.
	 * @param format the format to write
	 * @param channel what the feed says about itself
	 * @param items the items, newest first
	 * @param maxBytes the largest acceptable document, at least 1
	 * @return the UTF-8 bytes of the document
	 */
	public byte[] render(FeedFormat format, FeedChannel channel, List<FeedItem> items, long maxBytes) {
		return renderDetailed(format, channel, items, maxBytes).bytes();
	}

	/**
	 * Renders the feed, dropping items from the end until it fits in {@code maxBytes}.
	 * The number of items kept is found by binary search, so a feed that is too large
	 * costs about log2(items) renders. If even the channel without items is larger than
	 * the cap, the channel alone is returned anyway: an empty feed is better than none.
	 * @param format the format to write
	 * @param channel what the feed says about itself
	 * @param items the items, newest first
	 * @param maxBytes the largest acceptable document, at least 1
	 * @return the document with the number of items kept and dropped
	 */
	public RenderedBytes renderDetailed(FeedFormat format, FeedChannel channel, List<FeedItem> items, long maxBytes) {
		Objects.requireNonNull(format, "format");
		Objects.requireNonNull(channel, "channel");
		Objects.requireNonNull(items, "items");
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
		}
		FeedWriter writer = this.writers.get(format);
		FeedChannel cleanChannel = FeedText.clean(channel);
		List<FeedItem> cleanItems = items.stream().map(FeedText::clean).toList();
		byte[] complete = writer.write(cleanChannel, cleanItems);
		if (complete.length <= maxBytes || cleanItems.isEmpty()) {
			return new RenderedBytes(format, complete, cleanItems.size(), 0);
		}
		// Invariant: 'fitting' items fit (0 is assumed to), 'tooMany' items do not.
		int fitting = 0;
		byte[] fittingBytes = null;
		int tooMany = cleanItems.size();
		while (tooMany - fitting > 1) {
			int count = (fitting + tooMany) >>> 1;
			byte[] candidate = writer.write(cleanChannel, cleanItems.subList(0, count));
			if (candidate.length <= maxBytes) {
				fitting = count;
				fittingBytes = candidate;
			}
			else {
				tooMany = count;
			}
		}
		if (fittingBytes == null) {
			fittingBytes = writer.write(cleanChannel, List.of());
		}
		return new RenderedBytes(format, fittingBytes, fitting, cleanItems.size() - fitting);
	}

}
