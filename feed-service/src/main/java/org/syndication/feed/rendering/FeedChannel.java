package org.syndication.feed.rendering;

import java.time.Duration;
import java.time.Instant;

/**
 * What a feed says about itself.
 *
 * @param id a permanent identifier of the feed ({@code urn:uuid:…}), the same in every
 * format and on every host
 * @param title plain text, for example "Politics"
 * @param description plain text
 * @param baseUrl the feed's folder, ending in {@code /}; the self link of each format is
 * this plus the format's file name
 * @param alternateUrl an HTML page for people
 * @param language BCP 47 tag of the feed, or {@code null} for a mixed feed
 * @param updated the newest change to anything in the feed
 * @param ttl how long readers may cache the feed
 * @param generator name and version of the software
 * @param hubUrl the WebSub hub that pushes the feed's changes, or {@code null} for none
 */
public record FeedChannel(String id, String title, String description, String baseUrl, String alternateUrl,
		String language, Instant updated, Duration ttl, String generator, String hubUrl) {

	/** A channel that advertises no hub. */
	public FeedChannel(String id, String title, String description, String baseUrl, String alternateUrl,
			String language, Instant updated, Duration ttl, String generator) {
		this(id, title, description, baseUrl, alternateUrl, language, updated, ttl, generator, null);
	}

	public String selfUrl(FeedFormat format) {
		return this.baseUrl + format.fileName();
	}

	/**
	 * The ttl in whole minutes, rounded up and at least one, as RSS {@code <ttl>} counts
	 * it.
	 * @return the minutes, or 0 when there is no ttl
	 */
	public int ttlMinutes() {
		if (this.ttl == null) {
			return 0;
		}
		long seconds = Math.max(this.ttl.toSeconds(), 1);
		return (int) Math.min((seconds + 59) / 60, Integer.MAX_VALUE);
	}

}
