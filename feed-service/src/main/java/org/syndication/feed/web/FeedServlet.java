package org.syndication.feed.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.syndication.feed.FeedProperties;
import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.rendering.FeedFormat;
import org.syndication.feed.websub.HubSettings;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * Serves {@code /feeds/**}. Polling is the hot path of the whole service, so this is a
 * plain servlet: a poll is a path split, a map lookup and a write of bytes rendered
 * earlier, or a 304 when the reader's copy is current.
 *
 * <ul>
 * <li>{@code /feeds/{file}}: every article</li>
 * <li>{@code /feeds/categories/{category}/{file}}: one category, case-insensitive</li>
 * <li>{@code /feeds/authors/{author-slug}/{file}}: one author</li>
 * <li>{@code /feeds/languages/{tag}/{file}}: one BCP 47 language tag, case-insensitive,
 * with the articles of every longer tag it is a prefix of</li>
 * </ul>
 * where {@code file} is {@code rss.xml}, {@code atom.xml} or {@code feed.json}. Anything
 * else is a 404 problem.
 */
class FeedServlet extends HttpServlet {

	private static final int MAX_NAME_LENGTH = 300;

	private static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";

	private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";

	private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";

	private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

	/** What Spring Security would add, had the poll passed its chain. */
	private static final String NOSNIFF_HEADER = "X-Content-Type-Options";

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	private final transient FeedCache cache;

	private final String cacheControl;

	private final String archiveCacheControl;

	private final Clock clock;

	private final String feedsUrl;

	private final String hubLink;

	FeedServlet(FeedCache cache, FeedProperties properties, HubSettings hub, Clock clock) {
		this.cache = cache;
		this.cacheControl = CacheControl.maxAge(properties.maxAge()).cachePublic().getHeaderValue();
		this.archiveCacheControl = CacheControl.maxAge(properties.archiveMaxAge()).cachePublic().getHeaderValue();
		this.clock = clock;
		this.feedsUrl = properties.baseUrl() + "/feeds/";
		this.hubLink = hub.enabled() ? "<" + hub.url(properties) + ">; rel=\"hub\", " : "";
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		serve(request, response, true);
	}

	@Override
	protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
		serve(request, response, false);
	}

	private void serve(HttpServletRequest request, HttpServletResponse response, boolean withBody) throws IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Optional<Target> target = target(path);
		Optional<RenderedFeed> found = target.flatMap((t) -> (t.month() != null)
				? this.cache.archive(t.key(), t.format(), t.month()) : this.cache.get(t.key(), t.format()));
		if (found.isEmpty()) {
			notFound(path, response);
			return;
		}
		RenderedFeed feed = found.get();
		boolean gzip = acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
		response.setHeader(HttpHeaders.ETAG, gzip ? feed.gzipEtag() : feed.etag());
		response.setHeader(HttpHeaders.LAST_MODIFIED, HTTP_DATE.format(feed.lastModified()));
		Target address = target.get();
		response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl(address));
		response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
		response.setHeader(NOSNIFF_HEADER, "nosniff");
		// WebSub discovery (and the document's canonical address) without parsing it.
		response.setHeader(HttpHeaders.LINK, ((address.month() == null) ? this.hubLink : "") + "<" + this.feedsUrl
				+ address.path() + ">; rel=\"self\"");
		if (notModified(request, feed)) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		byte[] body = gzip ? feed.gzipBody() : feed.body();
		response.setStatus(HttpServletResponse.SC_OK);
		response.setHeader(HttpHeaders.CONTENT_TYPE, feed.mediaType().toString());
		if (gzip) {
			response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
		}
		response.setContentLength(body.length);
		if (!withBody) {
			return;
		}
		Path file = gzip ? feed.gzipFile() : feed.bodyFile();
		if (file != null && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORTED))) {
			// The container sends the file itself, without copying it through the JVM.
			request.setAttribute(SENDFILE_FILENAME, file.toString());
			request.setAttribute(SENDFILE_START, 0L);
			request.setAttribute(SENDFILE_END, (long) body.length);
			return;
		}
		response.getOutputStream().write(body);
	}

	/**
	 * Which feed and format a path names, if any, and which month's archive of it:
	 * {@code …/archive/2026/11/atom.xml} after a feed's folder.
	 */
	static Optional<Target> target(String path) {
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
			return Optional.of(new Target(FeedKey.all(), format.get(), archive));
		}
		if (feedSegments != 5) {
			return Optional.empty();
		}
		Optional<String> name = name(segments[3]);
		if (name.isEmpty()) {
			return Optional.empty();
		}
		return switch (segments[2]) {
			case "categories" -> Optional.of(new Target(FeedKey.category(name.get()), format.get(), archive));
			case "authors" -> Optional.of(new Target(FeedKey.authorSlug(name.get()), format.get(), archive));
			case "languages" -> FeedKey.language(name.get()).map((key) -> new Target(key, format.get(), archive));
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

	/**
	 * The archive of a month that is over changes only when an article of that month is
	 * edited or retracted, so it may be kept long; everything else as long as a feed.
	 */
	private String cacheControl(Target target) {
		boolean over = target.month() != null
				&& target.month().isBefore(YearMonth.now(this.clock.withZone(ZoneOffset.UTC)));
		return over ? this.archiveCacheControl : this.cacheControl;
	}

	/**
	 * RFC 9110: If-None-Match, when present, decides alone; either representation's tag
	 * matches, since both stand for the same feed. Otherwise If-Modified-Since.
	 */
	private static boolean notModified(HttpServletRequest request, RenderedFeed feed) {
		String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
		if (ifNoneMatch != null) {
			if (ifNoneMatch.equals(feed.etag()) || ifNoneMatch.equals(feed.gzipEtag())) {
				return true;
			}
			return Arrays.stream(ifNoneMatch.split(","))
				.map(String::strip)
				.map((tag) -> tag.startsWith("W/") ? tag.substring(2) : tag)
				.anyMatch((tag) -> tag.equals("*") || tag.equals(feed.etag()) || tag.equals(feed.gzipEtag()));
		}
		long ifModifiedSince;
		try {
			ifModifiedSince = request.getDateHeader(HttpHeaders.IF_MODIFIED_SINCE);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return ifModifiedSince >= 0 && !feed.lastModified().isAfter(Instant.ofEpochMilli(ifModifiedSince));
	}

	private static boolean acceptsGzip(String acceptEncoding) {
		if (acceptEncoding == null) {
			return false;
		}
		return Arrays.stream(acceptEncoding.toLowerCase(Locale.ROOT).split(","))
			.map(String::strip)
			.anyMatch((coding) -> coding.equals("gzip")
					|| (coding.startsWith("gzip;") && !coding.matches("gzip;\\s*q=0(\\.0*)?")));
	}

	private static void notFound(String path, HttpServletResponse response) throws IOException {
		String instance = HtmlUtils.htmlEscape(path).replace("\\", "\\\\").replace("\"", "\\\"");
		byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"No such feed\","
				+ "\"instance\":\"" + instance + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		response.setHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader(NOSNIFF_HEADER, "nosniff");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/**
	 * @param month the month of an archive document, or {@code null} for the feed itself
	 */
	record Target(FeedKey key, FeedFormat format, YearMonth month) {

		Target(FeedKey key, FeedFormat format) {
			this(key, format, null);
		}

		/** The path of the document below {@code /feeds/}. */
		String path() {
			return this.key.path() + ((this.month != null) ? FeedCache.archivePath(this.month) : "")
					+ this.format.fileName();
		}

	}

}
