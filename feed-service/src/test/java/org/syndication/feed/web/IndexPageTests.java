package org.syndication.feed.web;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.syndication.feed.FeedProperties;
import org.syndication.feed.catalog.FeedCatalog;
import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.catalog.FeedState;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The index of feeds over its controller alone, with the catalog standing in: no
 * database, no Kafka. The security chain is tested with the whole service, so this slice
 * runs without the filters.
 */
@WebMvcTest(IndexController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import(IndexPageTests.Settings.class)
@TestPropertySource(properties = { "feed.public-base-url=https://feeds.example", "feed.title=The <Daily> & Co" })
class IndexPageTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private FeedCatalog catalog;

	@Test
	void theIndexListsEveryCategoryAndAuthorWithALinkPerFormatAndNamesAsText() throws Exception {
		given(this.catalog.feeds())
			.willReturn(List.of(feed(FeedKey.all(), ""), feed(FeedKey.category("Local news"), "Local news"),
					feed(FeedKey.author("<script>x</script>"), "<script>x</script>")));
		this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("<title>The &lt;Daily&gt; &amp; Co: feeds</title>")))
			.andExpect(content().string(containsString(
					"<link rel=\"alternate\" type=\"application/atom+xml\" title=\"The &lt;Daily&gt; &amp; Co\" href=\"https://feeds.example/feeds/atom.xml\">")))
			.andExpect(content().string(containsString("<li>Local news: <a href=\"https://feeds.example/feeds/"
					+ "categories/local%20news/rss.xml\">RSS</a> · <a href=\"https://feeds.example/feeds/categories/"
					+ "local%20news/atom.xml\">Atom</a> · <a href=\"https://feeds.example/feeds/categories/local%20news/"
					+ "feed.json\">JSON Feed</a></li>")))
			.andExpect(content().string(containsString("<li>&lt;script&gt;x&lt;/script&gt;: ")))
			.andExpect(content().string(not(containsString("<script>"))));
	}

	@Test
	void theIndexListsLanguagesByNameAndTag() throws Exception {
		given(this.catalog.feeds()).willReturn(List.of(feed(FeedKey.language("en").orElseThrow(), "en"),
				feed(FeedKey.language("en-GB").orElseThrow(), "en-GB")));
		this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<h2>Languages</h2>")))
			.andExpect(content().string(containsString(
					"<li>English, en: <a href=\"https://feeds.example/feeds/languages/en/rss.xml\">RSS</a>")))
			.andExpect(content().string(containsString("<li>English (United Kingdom), en-GB: <a "
					+ "href=\"https://feeds.example/feeds/languages/en-gb/rss.xml\">RSS</a> · <a "
					+ "href=\"https://feeds.example/feeds/languages/en-gb/atom.xml\">Atom</a> · <a "
					+ "href=\"https://feeds.example/feeds/languages/en-gb/feed.json\">JSON Feed</a></li>")));
	}

	private static FeedState feed(FeedKey key, String name) {
		return new FeedState(key.storageKey(), name, 1, Instant.parse("2026-11-30T09:00:00Z"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(FeedProperties.class)
	static class Settings {

	}

}
