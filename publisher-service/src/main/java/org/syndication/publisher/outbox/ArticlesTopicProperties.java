package org.syndication.publisher.outbox;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the {@code articles} topic is created when it does not exist yet.
 *
 * @param partitions the number of partitions
 * @param replicationFactor copies of each partition (3 in production clusters)
 * @param minCompactionLag how long a record is kept before compaction may remove it, in
 * milliseconds: a consumer that is down for less than this still sees every event
 */
@ConfigurationProperties("publisher.topic")
@Validated
record ArticlesTopicProperties(@Min(1) @DefaultValue("3") int partitions,
		@Min(1) @DefaultValue("1") short replicationFactor, @Min(0) @DefaultValue("604800000") long minCompactionLag) {

}
