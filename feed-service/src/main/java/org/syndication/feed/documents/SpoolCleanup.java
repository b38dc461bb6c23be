package org.syndication.feed.documents;

import java.time.Clock;
import java.time.Instant;
import java.util.stream.Stream;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes, once a minute, the files of documents that neither the feeds' cache nor the
 * archives' keep any more: entries leave both when they are replaced, evicted or
 * outweighed, and nothing else tells the files.
 */
@Component
class SpoolCleanup {

	private final FeedCache feeds;

	private final FeedArchives archives;

	private final FeedDocuments documents;

	private final Clock clock;

	SpoolCleanup(FeedCache feeds, FeedArchives archives, FeedDocuments documents, Clock clock) {
		this.feeds = feeds;
		this.archives = archives;
		this.documents = documents;
		this.clock = clock;
	}

	@Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
	void deleteUnusedFiles() {
		this.documents.deleteUnusedFiles(Stream.concat(this.feeds.kept(), this.archives.kept()),
				Instant.now(this.clock));
	}

}
