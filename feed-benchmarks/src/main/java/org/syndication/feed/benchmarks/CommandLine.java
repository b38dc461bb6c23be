package org.syndication.feed.benchmarks;

import org.syndication.testsupport.BenchmarkOptions;

/**
 * The command line of {@code feed-benchmarks.jar}: its usage, and its options.
 */
final class CommandLine {

	private static final String USAGE = """
			usage: java -jar feed-benchmarks/target/feed-benchmarks.jar consumer|rebuild|websub [options]
			consumer: feed-service consuming the topic from the start, next to a plain KafkaConsumer
			rebuild:  the same with feed.rebuild=true (FEED_REBUILD) and 100,000 events by default
			  --events N        events on the topic (10000, rebuild 100000; 1..1000000)
			  --warmup N        events of a warm-up round first (consumer: as many as --events;
			                    rebuild: none); --warmup 0 measures a service that has just started
			  --tracing-rounds N  rounds with traces exported at 100 % sampling, and as many without, in
			                    turns after the warm-up (consumer 2, rebuild 0; 0..10)
			  --set NAME=VALUE  a feed-service property; repeatable; without it its defaults;
			                    {round} in VALUE becomes warmup or measured (a schema per round:
			                    with --tracing-rounds 0, as there is one measured round only)
			  --json-out FILE   also write the figures as JSON
			websub:   change -> WebSub push latency, and the rate of pushes to many callbacks
			  --changes N       changes timed one after another (200)
			  --subscribers N   callbacks of the fan-out (1000)
			  --rounds N        fan-out rounds, the median reported (5)
			""";

	private CommandLine() {
	}

	/** The options after the command, as its usage gives them. */
	static BenchmarkOptions options(String[] args) {
		return new BenchmarkOptions(args, USAGE, "not");
	}

}
