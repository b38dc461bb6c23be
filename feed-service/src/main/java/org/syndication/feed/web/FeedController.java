package org.syndication.feed.web;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.syndication.feed.FeedProperties;
import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.rendering.FeedFormat;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Serves the feeds. Each answer carries a strong ETag and Last-Modified, so a poll with
 * {@code If-None-Match} or {@code If-Modified-Since} costs a 304 with no body.
 */
@RestController
class FeedController {

	private static final int MAX_NAME_LENGTH = 300;

	private final FeedCache cache;

	private final CacheControl cacheControl;

	FeedController(FeedCache cache, FeedProperties properties) {
		this.cache = cache;
		this.cacheControl = CacheControl.maxAge(properties.maxAge()).cachePublic();
	}

	@GetMapping("/feeds/{file}")
	ResponseEntity<byte[]> everything(@PathVariable String file, HttpServletRequest request) {
		return serve(FeedKey.all(), file, request);
	}

	@GetMapping("/feeds/categories/{category}/{file}")
	ResponseEntity<byte[]> category(@PathVariable String category, @PathVariable String file,
			HttpServletRequest request) {
		return serve(FeedKey.category(checked(category)), file, request);
	}

	@GetMapping("/feeds/authors/{author}/{file}")
	ResponseEntity<byte[]> author(@PathVariable String author, @PathVariable String file, HttpServletRequest request) {
		return serve(FeedKey.authorSlug(checked(author)), file, request);
	}

	private ResponseEntity<byte[]> serve(FeedKey key, String file, HttpServletRequest request) {
		FeedFormat format = FeedFormat.ofFileName(file).orElseThrow(FeedController::notFound);
		RenderedFeed feed = this.cache.get(key, format).orElseThrow(FeedController::notFound);
		boolean gzip = acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
		String etag = gzip ? feed.gzipEtag() : feed.etag();
		HttpHeaders headers = new HttpHeaders();
		headers.setETag(etag);
		headers.setLastModified(feed.lastModified());
		headers.setCacheControl(this.cacheControl);
		headers.setVary(List.of(HttpHeaders.ACCEPT_ENCODING));
		if (notModified(request, feed)) {
			return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
		}
		headers.setContentType(feed.mediaType());
		if (gzip) {
			headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
		}
		byte[] body = gzip ? feed.gzipBody() : feed.body();
		if (HttpMethod.HEAD.matches(request.getMethod())) {
			headers.setContentLength(body.length);
			return new ResponseEntity<>(headers, HttpStatus.OK);
		}
		return new ResponseEntity<>(body, headers, HttpStatus.OK);
	}

	/**
	 * RFC 9110: If-None-Match, when present, decides alone; either representation's tag
	 * matches, since both stand for the same feed. Otherwise If-Modified-Since.
	 */
	private static boolean notModified(HttpServletRequest request, RenderedFeed feed) {
		String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
		if (ifNoneMatch != null) {
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

	private static String checked(String name) {
		if (name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
			throw notFound();
		}
		return name;
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such feed");
	}

}
