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
import org.syndication.feed.documents.FeedArchives;
import org.syndication.feed.documents.FeedCache;
import org.syndication.feed.documents.FeedTarget;
import org.syndication.feed.documents.HubAddress;
import org.syndication.feed.documents.RenderedFeed;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;

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

	private static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";

	private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";

	private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";

	private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

	/** What Spring Security would add, had the poll passed its chain. */
	private static final String NOSNIFF_HEADER = "X-Content-Type-Options";

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	private final transient FeedCache cache;

	private final transient FeedArchives archives;

	private final String cacheControl;

	private final String archiveCacheControl;

	private final Clock clock;

	private final String feedsUrl;

	private final String hubLink;

	FeedServlet(FeedCache cache, FeedArchives archives, FeedProperties properties, HubAddress hub, Clock clock) {
		this.cache = cache;
		this.archives = archives;
		this.cacheControl = CacheControl.maxAge(properties.maxAge()).cachePublic().getHeaderValue();
		this.archiveCacheControl = CacheControl.maxAge(properties.archiveMaxAge()).cachePublic().getHeaderValue();
		this.clock = clock;
		this.feedsUrl = properties.baseUrl() + "/feeds/";
		this.hubLink = hub.asUrl().map((url) -> "<" + url + ">; rel=\"hub\", ").orElse("");
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
		Optional<FeedTarget> target = FeedTarget.ofPath(path);
		Optional<RenderedFeed> found = target.flatMap((t) -> (t.month() != null)
				? this.archives.get(t.key(), t.format(), t.month()) : this.cache.get(t.key(), t.format()));
		if (found.isEmpty()) {
			notFound(path, response);
			return;
		}
		RenderedFeed feed = found.get();
		boolean gzip = acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
		response.setHeader(HttpHeaders.ETAG, gzip ? feed.gzipEtag() : feed.etag());
		response.setHeader(HttpHeaders.LAST_MODIFIED, HTTP_DATE.format(feed.lastModified()));
		FeedTarget address = target.get();
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
	 * The archive of a month that is over changes only when an article of that month is
	 * edited or retracted, so it may be kept long; everything else as long as a feed.
	 */
	private String cacheControl(FeedTarget target) {
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

}
