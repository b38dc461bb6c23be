package org.syndication.feed.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.syndication.feed.rendering.FeedChannel;
import org.syndication.feed.rendering.FeedFormat;
import org.syndication.feed.rendering.FeedItem;
import org.syndication.feed.rendering.FeedRenderer;
import org.syndication.feed.rendering.RenderedBytes;

/**
 * What a cache miss costs: rendering a full feed of 50 realistic items in each format.
 * The defaults keep a run to about a minute; pass JMH options ({@code -wi}, {@code -i},
 * {@code -f}) for a longer one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
public class FeedRenderBenchmark {

	/** feed-service's default {@code feed.max-size}. */
	private static final long MAX_BYTES = 1024 * 1024;

	@Param({ "50" })
	public int items;

	@Param({ "RSS", "ATOM", "JSON_FEED" })
	public FeedFormat format;

	private final FeedRenderer renderer = new FeedRenderer();

	private FeedChannel channel;

	private List<FeedItem> feedItems;

	@Setup
	public void prepare() {
		this.channel = BenchmarkFeeds.channel();
		this.feedItems = BenchmarkFeeds.items(this.items);
		// A feed cut to fit the size cap would be rendered several times per call and
		// measure the wrong thing.
		RenderedBytes rendered = this.renderer.renderDetailed(this.format, this.channel, this.feedItems, MAX_BYTES);
		if (rendered.truncated()) {
			throw new IllegalStateException("Fixture does not fit in " + MAX_BYTES + " bytes: " + rendered);
		}
		System.out.printf("%n%s feed of %d items: %d bytes%n", this.format, rendered.itemCount(), rendered.size());
	}

	@Benchmark
	public byte[] render() {
		return this.renderer.render(this.format, this.channel, this.feedItems, MAX_BYTES);
	}

}
