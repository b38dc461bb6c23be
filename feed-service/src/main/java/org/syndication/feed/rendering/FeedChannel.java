package org.syndication.feed.rendering;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * @param history its links to archives (RFC 5005), or {@code null} for none
 */
public record FeedChannel(String id, String title, String description, String baseUrl, String alternateUrl,
		String language, Instant updated, Duration ttl, String generator, String hubUrl, FeedHistory history) {

	/** A channel that advertises no hub and links no archive. */
	public FeedChannel(String id, String title, String description, String baseUrl, String alternateUrl,
			String language, Instant updated, Duration ttl, String generator) {
		this(id, title, description, baseUrl, alternateUrl, language, updated, ttl, generator, null, null);
	}

	/**
	 * The links of the history, each to the document of this format: {@code rel} to URL,
	 * in the order {@code current}, {@code prev-archive}, {@code next-archive}.
	 */
	public Map<String, String> historyLinks(FeedFormat format) {
		Map<String, String> links = new LinkedHashMap<>();
		if (this.history != null) {
			if (this.history.current() != null) {
				links.put("current", this.history.current() + format.fileName());
			}
			if (this.history.prevArchive() != null) {
				links.put("prev-archive", this.history.prevArchive() + format.fileName());
			}
			if (this.history.nextArchive() != null) {
				links.put("next-archive", this.history.nextArchive() + format.fileName());
			}
		}
		return links;
	}

	/**
	 * The same channel with a title of its own after the feed's, as in "Politics: May
	 * 2026".
	 */
	public FeedChannel withTitle(String suffix) {
		return new FeedChannel(this.id, this.title + ": " + suffix, this.description, this.baseUrl, this.alternateUrl,
				this.language, this.updated, this.ttl, this.generator, this.hubUrl, this.history);
	}

	/** Whether this is an archive document (RFC 5005 {@code fh:archive}). */
	public boolean isArchive() {
		return this.history != null && this.history.archive();
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
