package org.syndication.feed.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
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

	private final String feedsUrl;

	private final String hubLink;

	FeedServlet(FeedCache cache, FeedProperties properties, HubSettings hub) {
		this.cache = cache;
		this.cacheControl = CacheControl.maxAge(properties.maxAge()).cachePublic().getHeaderValue();
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
		Optional<RenderedFeed> found = target.flatMap((t) -> this.cache.get(t.key(), t.format()));
		if (found.isEmpty()) {
			notFound(path, response);
			return;
		}
		RenderedFeed feed = found.get();
		boolean gzip = acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
		response.setHeader(HttpHeaders.ETAG, gzip ? feed.gzipEtag() : feed.etag());
		response.setHeader(HttpHeaders.LAST_MODIFIED, HTTP_DATE.format(feed.lastModified()));
		response.setHeader(HttpHeaders.CACHE_CONTROL, this.cacheControl);
		response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
		response.setHeader(NOSNIFF_HEADER, "nosniff");
		// WebSub discovery (and the feed's canonical address) without parsing the feed.
		Target address = target.get();
		response.setHeader(HttpHeaders.LINK, this.hubLink + "<" + this.feedsUrl + address.key().path()
				+ address.format().fileName() + ">; rel=\"self\"");
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

	/** Which feed and format a path names, if any. */
	static Optional<Target> target(String path) {
		String[] segments = path.split("/", -1);
		if (segments.length == 3 && segments[1].equals("feeds")) {
			return FeedFormat.ofFileName(segments[2]).map((format) -> new Target(FeedKey.all(), format));
		}
		if (segments.length == 5 && segments[1].equals("feeds")) {
			Optional<FeedFormat> format = FeedFormat.ofFileName(segments[4]);
			Optional<String> name = name(segments[3]);
			if (format.isEmpty() || name.isEmpty()) {
				return Optional.empty();
			}
			return switch (segments[2]) {
				case "categories" -> Optional.of(new Target(FeedKey.category(name.get()), format.get()));
				case "authors" -> Optional.of(new Target(FeedKey.authorSlug(name.get()), format.get()));
				case "languages" -> FeedKey.language(name.get()).map((key) -> new Target(key, format.get()));
				default -> Optional.empty();
			};
		}
		return Optional.empty();
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

	record Target(FeedKey key, FeedFormat format) {

	}

}
