package org.syndication.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The value of a record on the {@value ArticleEventHeaders#TOPIC} topic.
 *
 * @param eventId unique per event; consumers deduplicate on it
 * @param type what happened
 * @param occurredAt when it happened (RFC 3339, UTC)
 * @param article the full article after the change
 */
@JsonPropertyOrder({ "eventId", "type", "occurredAt", "article" })
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArticleEvent(UUID eventId, ArticleEventType type,
		@JsonFormat(shape = JsonFormat.Shape.STRING) Instant occurredAt, ArticleSnapshot article) {

}
