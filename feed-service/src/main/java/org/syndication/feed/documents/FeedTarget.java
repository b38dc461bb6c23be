package org.syndication.feed.documents;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.Optional;

import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.rendering.FeedFormat;

import org.springframework.web.util.UriUtils;

/**
 * A document below {@code /feeds/}: a feed in a format, or the archive of one month of
 * it.
 *
 * @param key the feed
 * @param format the format
 * @param month the month of an archive document, or {@code null} for the feed itself
 */
public record FeedTarget(FeedKey key, FeedFormat format, YearMonth month) {

	/** The longest name of a category, author or language a path may carry. */
	private static final int MAX_NAME_LENGTH = 300;

	public FeedTarget(FeedKey key, FeedFormat format) {
		this(key, format, null);
	}

	/** The path of the document below {@code /feeds/}. */
	public String path() {
		return this.key.path() + ((this.month != null) ? FeedChannels.archivePath(this.month) : "")
				+ this.format.fileName();
	}

	/**
	 * Which feed and format a path names, if any, and which month's archive of it:
	 * {@code …/archive/2026/11/atom.xml} after a feed's folder.
	 */
	public static Optional<FeedTarget> ofPath(String path) {
		String[] segments = path.split("/", -1);
		if (segments.length < 3 || !segments[1].equals("feeds")) {
			return Optional.empty();
		}
		YearMonth month = null;
		int feedSegments = segments.length;
		if (segments.length >= 6 && segments[segments.length - 4].equals("archive")) {
			Optional<YearMonth> archived = month(segments[segments.length - 3], segments[segments.length - 2]);
			if (archived.isEmpty()) {
				return Optional.empty();
			}
			month = archived.get();
			feedSegments = segments.length - 3;
		}
		Optional<FeedFormat> format = FeedFormat.ofFileName(segments[segments.length - 1]);
		if (format.isEmpty()) {
			return Optional.empty();
		}
		YearMonth archive = month;
		if (feedSegments == 3) {
			return Optional.of(new FeedTarget(FeedKey.all(), format.get(), archive));
		}
		if (feedSegments != 5) {
			return Optional.empty();
		}
		Optional<String> name = name(segments[3]);
		if (name.isEmpty()) {
			return Optional.empty();
		}
		return switch (segments[2]) {
			case "categories" -> Optional.of(new FeedTarget(FeedKey.category(name.get()), format.get(), archive));
			case "authors" -> Optional.of(new FeedTarget(FeedKey.authorSlug(name.get()), format.get(), archive));
			case "languages" -> FeedKey.language(name.get()).map((key) -> new FeedTarget(key, format.get(), archive));
			default -> Optional.empty();
		};
	}

	/** A month as archive paths write it: four digits, then two. */
	private static Optional<YearMonth> month(String year, String month) {
		if (!year.matches("[0-9]{4}") || !month.matches("[0-9]{2}")) {
			return Optional.empty();
		}
		int number = Integer.parseInt(month);
		return (number >= 1 && number <= 12) ? Optional.of(YearMonth.of(Integer.parseInt(year), number))
				: Optional.empty();
	}

	private static Optional<String> name(String segment) {
		if (segment.isEmpty() || segment.length() > MAX_NAME_LENGTH * 12) {
			return Optional.empty();
		}
		String name;
		try {
			name = UriUtils.decode(segment, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
			return Optional.empty();
		}
		return Optional.of(name);
	}

}
