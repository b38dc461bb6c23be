package org.syndication.feed.rendering;

/**
 * Where a feed stands in its history (RFC 5005, archived feeds): a subscription document
 * links its newest archive; an archive document is marked as one and links the
 * subscription document and the archives before and after it. Each link is a folder URL
 * ending in {@code /}; every format links the document of its own format there.
 *
 * @param archive whether the document is an archive document
 * @param current the subscription document's folder, or {@code null}
 * @param prevArchive the folder of the archive before this document, or {@code null}
 * @param nextArchive the folder of the archive after this one, or {@code null}
 */
public record FeedHistory(boolean archive, String current, String prevArchive, String nextArchive) {

	/** RFC 5005's namespace, of {@code fh:archive}. */
	public static final String NAMESPACE = "http://purl.org/syndication/history/1.0";

	/** A subscription document whose newest archive is in this folder. */
	public static FeedHistory subscription(String newestArchive) {
		return new FeedHistory(false, null, newestArchive, null);
	}

}
