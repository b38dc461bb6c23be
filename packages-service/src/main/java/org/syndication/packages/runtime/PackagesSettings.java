package org.syndication.packages.runtime;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the topology runs in this instance.
 *
 * @param stateDir where its stores are kept on disk; they are rebuilt from their
 * changelog topics when missing, so losing the directory costs time, not data
 * @param streamThreads how many threads process the articles topic's partitions in this
 * instance (instances share the partitions among all their threads)
 * @param topicWait how often to look again for the articles topic while it does not exist
 * yet (the publisher creates it)
 * @param closeTimeout how long a stop waits for the running transactions to commit
 */
@ConfigurationProperties("packages")
public record PackagesSettings(@DefaultValue("./data/packages-service/state") Path stateDir,
		@DefaultValue("1") int streamThreads, @DefaultValue("5s") Duration topicWait,
		@DefaultValue("30s") Duration closeTimeout) {

	public PackagesSettings {
		if (streamThreads < 1) {
			throw new IllegalArgumentException("packages.stream-threads must be 1 or more, not " + streamThreads);
		}
	}

}
