package org.syndication.publisher.outbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The ids of the outbox messages a transaction carried, as the relay records them beside
 * the messages: runs of consecutive ids as {@code first-last}, separated by commas
 * ({@code 101-600,605}), so that a batch of five hundred usually takes a dozen bytes.
 */
final class OutboxIds {

	private OutboxIds() {
	}

	/**
	 * @param ids ascending
	 */
	static String format(List<Long> ids) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < ids.size(); i++) {
			long first = ids.get(i);
			long last = first;
			while (i + 1 < ids.size() && ids.get(i + 1) == last + 1) {
				last = ids.get(++i);
			}
			if (text.length() > 0) {
				text.append(',');
			}
			text.append(first);
			if (last != first) {
				text.append('-').append(last);
			}
		}
		return text.toString();
	}

	/**
	 * @throws IllegalArgumentException when the text is not what {@link #format} writes
	 */
	static List<Long> parse(String text) {
		List<Long> ids = new ArrayList<>();
		if (text == null || text.isEmpty()) {
			return ids;
		}
		for (String run : text.split(",")) {
			int dash = run.indexOf('-');
			long first = Long.parseLong((dash < 0) ? run : run.substring(0, dash));
			long last = (dash < 0) ? first : Long.parseLong(run.substring(dash + 1));
			if (last < first || last - first > 1_000_000) {
				throw new IllegalArgumentException("Not a run of outbox ids: " + run);
			}
			for (long id = first; id <= last; id++) {
				ids.add(id);
			}
		}
		return ids;
	}

}
