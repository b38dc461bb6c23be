package org.syndication.feed.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.syndication.feed.rendering.FeedChannel;
import org.syndication.feed.rendering.FeedFormat;
import org.syndication.feed.rendering.FeedItem;
import org.syndication.feed.rendering.FeedRenderer;

import org.springframework.stereotype.Component;

/**
 * Makes the documents the caches keep: a feed rendered in a format, the same body
 * gzipped, a validator for each from its content, and each written to a file once it is
 * large enough to be better sent from one.
 */
@Component
class FeedDocuments {

	// Below this a body is written from memory; above it, sent from its file.
	private static final int SPOOL_THRESHOLD = 48 * 1024;

	private final FeedRenderer renderer;

	private final SpooledBodies spool = SpooledBodies.inTemporaryFolder();

	FeedDocuments(FeedRenderer renderer) {
		this.renderer = renderer;
	}

	/**
	 * @param maxBytes the largest the body may be; older items are left out to stay below
	 * it
	 * @param revision the revision of the feed the items were read at
	 * @param lastModified when the document last changed
	 */
	RenderedFeed render(FeedFormat format, FeedChannel channel, List<FeedItem> items, long maxBytes, long revision,
			Instant lastModified) {
		byte[] body = this.renderer.render(format, channel, items, maxBytes);
		byte[] gzip = gzip(body);
		String tag = tag(body);
		Path bodyFile = (body.length >= SPOOL_THRESHOLD) ? this.spool.spool(tag, body) : null;
		Path gzipFile = (gzip.length >= SPOOL_THRESHOLD) ? this.spool.spool(tag + "-gzip", gzip) : null;
		return new RenderedFeed(revision, format.mediaType(), body, gzip, "\"" + tag + "\"", "\"" + tag + "-gzip\"",
				lastModified.truncatedTo(ChronoUnit.SECONDS), bodyFile, gzipFile);
	}

	/**
	 * Deletes the files of documents no longer kept, once no response can still be
	 * sending them.
	 * @param kept every document the caches still hold
	 */
	void deleteUnusedFiles(Stream<RenderedFeed> kept, Instant now) {
		Set<Path> inUse = new HashSet<>();
		kept.forEach((feed) -> {
			if (feed.bodyFile() != null) {
				inUse.add(feed.bodyFile());
			}
			if (feed.gzipFile() != null) {
				inUse.add(feed.gzipFile());
			}
		});
		this.spool.deleteUnused(inUse, now);
	}

	private static String tag(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] gzip(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
