package org.syndication.notifier.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * Both runs of the dispatch benchmark, with what they ran on, as the table it prints.
 *
 * @param options the options
 * @param sink the SMTP server
 * @param one one instance
 * @param two two instances
 */
record DispatchReport(DispatchBenchmark.Options options, String sink, DispatchRun one, DispatchRun two) {

	double ratio() {
		return this.two.rate() / this.one.rate();
	}

	String table() {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"%nDispatch scale-out: %,d queued alerts, sent by one notifier instance, then by two sharing "
						+ "one %s database%n",
				this.options.alerts(), this.options.database()));
		out.append(String.format(Locale.ROOT,
				"  each instance: %d SMTP connections, %,d messages/s at most (a limit per instance)%s%n",
				this.one.connections(), this.one.messagesPerSecond(), this.options.overrides().isEmpty()
						? " (its defaults)" : "; set: " + String.join(", ", this.options.overrides())));
		out.append(String.format(Locale.ROOT, "  SMTP server: %s%n%n", this.sink));
		out.append(String.format(Locale.ROOT, "%-10s %9s %9s %9s  %s%n", "instances", "alerts", "seconds", "mails/s",
				"sent by each"));
		for (DispatchRun run : List.of(this.one, this.two)) {
			out.append(String.format(Locale.ROOT, "%-10d %,9d %9.1f %,9.0f  %s%n", run.instances(), run.alerts(),
					run.seconds(), run.rate(), run.shares()));
		}
		out.append(String.format(Locale.ROOT, "%ntwo instances / one: %.2f%n", ratio()));
		out.append(String.format(Locale.ROOT,
				"checked: every delivery SENT once, the SMTP server received exactly %,d in each run, "
						+ "each instance of the second run sent a share%n",
				this.options.alerts()));
		return out.toString();
	}

}
