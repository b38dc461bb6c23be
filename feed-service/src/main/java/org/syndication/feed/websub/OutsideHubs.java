package org.syndication.feed.websub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.feed.FeedProperties;
import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.catalog.FeedsChanged;
import org.syndication.feed.rendering.FeedFormat;

import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.util.UriUtils;

/**
 * Tells outside hubs (as WordPress tells Google's) which feeds changed, so that their
 * subscribers, and crawlers that watch them, fetch the feeds at once: a
 * {@code hub.mode=publish} form naming the changed feeds' URLs, sent by the instance that
 * applied the change, gathered over a second so that a burst of changes makes one
 * request. A ping that fails is logged and not repeated: the next change pings again. A
 * change replayed after a restore was pinged before, and is not again.
 */
class OutsideHubs {

	private static final Logger logger = LoggerFactory.getLogger(OutsideHubs.class);

	// Google's hub takes many hub.url values in one request; a form stays small with this
	// many.
	private static final int URLS_PER_PING = 100;

	private final List<URI> hubs;

	private final String feedsUrl;

	private final HttpClient http;

	private final Duration timeout;

	private final Set<String> changed = new LinkedHashSet<>();

	OutsideHubs(List<URI> hubs, FeedProperties properties, HubSettings settings) {
		this.hubs = List.copyOf(hubs);
		this.feedsUrl = properties.baseUrl() + "/feeds/";
		this.timeout = settings.requestTimeout();
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(settings.connectTimeout())
			.build();
	}

	@TransactionalEventListener
	void onChange(FeedsChanged changes) {
		if (!changes.announced()) {
			return;
		}
		synchronized (this.changed) {
			for (FeedKey feed : changes.feeds()) {
				for (FeedFormat format : FeedFormat.values()) {
					this.changed.add(this.feedsUrl + feed.path() + format.fileName());
				}
			}
		}
	}

	/**
	 * Pings every outside hub with the feeds changed since the last ping.
	 * @return the pings, complete when every hub has answered or failed
	 */
	CompletableFuture<Void> ping() {
		List<String> urls;
		synchronized (this.changed) {
			urls = new ArrayList<>(this.changed);
			this.changed.clear();
		}
		List<CompletableFuture<?>> pings = new ArrayList<>();
		for (int from = 0; from < urls.size(); from += URLS_PER_PING) {
			String form = "hub.mode=publish&" + urls.subList(from, Math.min(urls.size(), from + URLS_PER_PING))
				.stream()
				.map((url) -> "hub.url=" + UriUtils.encodeQueryParam(url, StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			for (URI hub : this.hubs) {
				HttpRequest request = HttpRequest.newBuilder(hub)
					.timeout(this.timeout)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build();
				pings.add(this.http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
					.whenComplete((response, ex) -> {
						if (ex != null || response.statusCode() / 100 != 2) {
							logger.warn("The outside hub {} did not take the change of {} feeds: {}", hub, urls.size(),
									(ex != null) ? ex.toString() : "HTTP " + response.statusCode());
						}
					}));
			}
		}
		return CompletableFuture.allOf(pings.toArray(CompletableFuture[]::new)).exceptionally((ex) -> null);
	}

}
