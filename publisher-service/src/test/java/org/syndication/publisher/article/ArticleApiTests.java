package org.syndication.publisher.article;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.syndication.publisher.PublisherIntegrationTest;
import org.syndication.publisher.TestApi;
import org.syndication.publisher.TestApi.ArticleJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.syndication.publisher.TestApi.article;
import static org.syndication.publisher.TestApi.authorized;
import static org.syndication.publisher.TestApi.post;
import static org.syndication.publisher.TestApi.put;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PublisherIntegrationTest
class ArticleApiTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ArticleRepository articles;

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void createdArticleIsPublishedWithLocationAndVersion() throws Exception {
		MvcResult result = this.mvc.perform(post(article()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.version").value(1))
			.andExpect(jsonPath("$.status").value("PUBLISHED"))
			.andExpect(jsonPath("$.title").value("Council approves new bike lanes"))
			.andExpect(jsonPath("$.authors[0]").value("Ada Lovelace"))
			.andExpect(jsonPath("$.language").value("en"))
			.andExpect(header().string(HttpHeaders.ETAG, "\"1\""))
			.andReturn();
		JsonNode body = body(result);
		String id = body.get("id").asString();
		assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/api/articles/" + id);
		assertThat(body.get("url").asString()).isEqualTo("http://localhost:8081/articles/" + id);
		this.mvc.perform(authorized(get("/api/articles/{id}", id)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.status").value("PUBLISHED"));
	}

	@Test
	void breakingIsStoredAndReturnedAndAbsentMeansNotBreaking() throws Exception {
		String breaking = id(this.mvc.perform(post(article().with("breaking", true)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.breaking").value(true))
			.andReturn());
		this.mvc.perform(authorized(get("/api/articles/{id}", breaking)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.breaking").value(true));

		String plain = id(this.mvc.perform(post(article()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.breaking").value(false))
			.andReturn());
		this.mvc.perform(put(plain, 1, article().with("breaking", true)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.breaking").value(true));
		this.mvc.perform(put(plain, 2, article()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.breaking").value(false));
		this.mvc.perform(authorized(get("/api/articles/{id}", plain))).andExpect(jsonPath("$.breaking").value(false));
	}

	@Test
	void imageIsStoredAndReturnedAndAReplacementWithoutItRemovesIt() throws Exception {
		Map<String, Object> image = Map.of("url", "https://images.example.com/bike-lanes.jpg", "alt",
				"Cyclists on the new\nlane", "width", 1200, "height", 800);
		String id = id(this.mvc.perform(post(article().with("image", image)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.image.url").value("https://images.example.com/bike-lanes.jpg"))
			.andExpect(jsonPath("$.image.alt").value("Cyclists on the new lane"))
			.andExpect(jsonPath("$.image.width").value(1200))
			.andExpect(jsonPath("$.image.height").value(800))
			.andReturn());
		this.mvc.perform(authorized(get("/api/articles/{id}", id)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.image.url").value("https://images.example.com/bike-lanes.jpg"))
			.andExpect(jsonPath("$.image.width").value(1200));
		this.mvc
			.perform(put(id, 1,
					article().with("image", Map.of("url", "https://images.example.com/rule.svg", "alt", ""))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.image.url").value("https://images.example.com/rule.svg"))
			.andExpect(jsonPath("$.image.alt").value(""))
			.andExpect(jsonPath("$.image.width").doesNotExist());
		this.mvc.perform(put(id, 2, article()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.image").value(nullValue()));
		this.mvc.perform(authorized(get("/api/articles/{id}", id))).andExpect(jsonPath("$.image").value(nullValue()));
		this.mvc.perform(post(article()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.image").value(nullValue()));
	}

	@Test
	void draftIsHeldBack() throws Exception {
		this.mvc.perform(post(article().draft()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("DRAFT"));
	}

	@Test
	void futurePublishedAtSchedulesTheArticle() throws Exception {
		this.mvc.perform(post(article().with("publishedAt", "2999-01-01T08:00:00Z")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("SCHEDULED"))
			.andExpect(jsonPath("$.publishedAt").value("2999-01-01T08:00:00Z"));
	}

	@Test
	void plainDateIsReadAtMidnightInTheConfiguredZone() throws Exception {
		this.mvc.perform(post(article().with("publishedAt", "2026-11-20")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("PUBLISHED"))
			.andExpect(jsonPath("$.publishedAt").value("2026-11-20T00:00:00Z"));
	}

	@Test
	void rfc3339WithOffsetIsNormalizedToUtc() throws Exception {
		this.mvc.perform(post(article().with("publishedAt", "2026-11-20T10:15:30+02:00")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.publishedAt").value("2026-11-20T08:15:30Z"));
	}

	@Test
	void languageTagIsCanonicalized() throws Exception {
		this.mvc.perform(post(article().with("language", "zh-hans")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.language").value("zh-Hans"));
	}

	@Test
	void contentHtmlIsSanitizedOnTheWayIn() throws Exception {
		String html = "<p onclick=\"steal()\">Hello <a href=\"javascript:alert(1)\">x</a>"
				+ "<a href=\"https://example.org/\">ok</a></p><script>alert(1)</script>"
				+ "<iframe src=\"https://evil.example\"></iframe><p style=\"display:none\">hidden</p>"
				+ "<pre>  indented\n    code</pre>";
		MvcResult result = this.mvc.perform(post(article().with("contentHtml", html)))
			.andExpect(status().isCreated())
			.andReturn();
		String clean = body(result).get("contentHtml").asString();
		assertThat(clean).doesNotContain("script", "onclick", "javascript:", "iframe", "style", "steal")
			.contains("href=\"https://example.org/\"")
			.contains("<pre>  indented\n    code</pre>");
	}

	@Test
	void charactersXmlForbidsAreRemovedFromEveryTextField() throws Exception {
		ArticleJson request = article().with("title", "Bell\u0007 and \u0000null")
			.with("summary", "Form\u000Cfeed\uFFFE")
			.with("contentHtml", "<p>vertical\u000Btab</p>")
			.with("authors", List.of("Ann\u0001e"))
			.with("categories", List.of("tech\u001F"));
		this.mvc.perform(post(request))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.title").value("Bell and null"))
			.andExpect(jsonPath("$.summary").value("Formfeed"))
			.andExpect(jsonPath("$.contentHtml").value("<p>verticaltab</p>"))
			.andExpect(jsonPath("$.authors[0]").value("Anne"))
			.andExpect(jsonPath("$.categories[0]").value("tech"));
	}

	@Test
	void listShowsNewestFirstInPages() throws Exception {
		String first = id(this.mvc.perform(post(article().with("title", "older"))).andReturn());
		String second = id(this.mvc.perform(post(article().with("title", "newer"))).andReturn());
		this.mvc.perform(authorized(get("/api/articles?page=0&size=2")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value(second))
			.andExpect(jsonPath("$.items[1].id").value(first))
			.andExpect(jsonPath("$.size").value(2));
		this.mvc.perform(authorized(get("/api/articles?size=1000")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void editNeedsTheCurrentVersion() throws Exception {
		String id = id(this.mvc.perform(post(article())).andReturn());
		ArticleJson edit = article().with("title", "Council approves bike lanes, again");
		this.mvc
			.perform(authorized(MockMvcRequestBuilders.put("/api/articles/{id}", id)
				.contentType(MediaType.APPLICATION_JSON)
				.content(edit.toJson())))
			.andExpect(status().isPreconditionRequired());
		this.mvc.perform(put(id, 7, edit))
			.andExpect(status().isPreconditionFailed())
			.andExpect(jsonPath("$.currentVersion").value(1));
		this.mvc.perform(put(id, 1, edit))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(2))
			.andExpect(jsonPath("$.title").value("Council approves bike lanes, again"))
			.andExpect(header().string(HttpHeaders.ETAG, "\"2\""));
		this.mvc.perform(put(id, 1, edit)).andExpect(status().isPreconditionFailed());
	}

	@Test
	void publishedArticleCannotGoBackToDraft() throws Exception {
		String id = id(this.mvc.perform(post(article())).andReturn());
		this.mvc.perform(put(id, 1, article().draft())).andExpect(status().isConflict());
	}

	@Test
	void retractionIsFinal() throws Exception {
		String id = id(this.mvc.perform(post(article())).andReturn());
		this.mvc.perform(authorized(delete("/api/articles/{id}", id))).andExpect(status().isNoContent());
		this.mvc.perform(authorized(get("/api/articles/{id}", id)))
			.andExpect(jsonPath("$.status").value("RETRACTED"))
			.andExpect(jsonPath("$.version").value(2));
		this.mvc.perform(put(id, 2, article())).andExpect(status().isConflict());
		this.mvc.perform(authorized(delete("/api/articles/{id}", id))).andExpect(status().isNoContent());
	}

	@Test
	void unknownArticleIsNotFound() throws Exception {
		this.mvc.perform(authorized(delete("/api/articles/{id}", "6f1c1c2e-0000-4000-8000-000000000000")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(authorized(get("/api/articles/{id}", "6f1c1c2e-0000-4000-8000-000000000000")))
			.andExpect(status().isNotFound());
	}

	@Test
	void writesNeedTheToken() throws Exception {
		this.mvc
			.perform(MockMvcRequestBuilders.post("/api/articles")
				.contentType(MediaType.APPLICATION_JSON)
				.content(article().toJson()))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(MockMvcRequestBuilders.post("/api/articles")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestApi.TOKEN + "x")
				.contentType(MediaType.APPLICATION_JSON)
				.content(article().toJson()))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/actuator/health")).andExpect(status().isOk());
	}

	@Test
	void badInputIsRefusedWithAProblemNamingTheFieldAndWritesNothing() throws Exception {
		long before = this.articles.count();
		Map<String, ArticleJson> cases = Map.of("title", article().without("title"), "title ",
				article().with("title", "x".repeat(301)), "language", article().with("language", "en_US!"), "url",
				article().with("url", "javascript:alert(1)"), "publishedAt",
				article().with("publishedAt", "next tuesday"), "authors[0]", article().with("authors", List.of(" ")),
				"status", article().with("status", "RETRACTED"));
		for (Map.Entry<String, ArticleJson> entry : cases.entrySet()) {
			this.mvc.perform(post(entry.getValue()))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value(entry.getKey().strip()))
				.andExpect(jsonPath("$.detail").value(not(containsString("Exception"))));
		}
		assertThat(this.articles.count()).isEqualTo(before);
	}

	@Test
	void wrongTypesAndUnknownFieldsAreRefused() throws Exception {
		long before = this.articles.count();
		this.mvc.perform(post(article().with("title", 123)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("title"));
		this.mvc.perform(post(article().with("authors", "Ada")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("authors"));
		this.mvc.perform(post(article().with("tittle", "typo")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("tittle"));
		this.mvc.perform(post(article().with("status", "LIVE")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("status"));
		assertThat(this.articles.count()).isEqualTo(before);
	}

	@Test
	void breakingThatIsNotAJsonBooleanIsAProblemNamingItAndWritesNothing() throws Exception {
		long before = this.articles.count();
		String id = id(this.mvc.perform(post(article())).andExpect(status().isCreated()).andReturn());
		for (Object notBoolean : List.of("yes", "true", 1, 0.5, List.of(true), Map.of("value", true))) {
			for (var request : List.of(post(article().with("breaking", notBoolean)),
					put(id, 1, article().with("breaking", notBoolean)))) {
				this.mvc.perform(request)
					.andExpect(status().isBadRequest())
					.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
					.andExpect(jsonPath("$.title").value("Invalid request"))
					.andExpect(jsonPath("$.detail").value(containsString("breaking")))
					.andExpect(jsonPath("$.errors[0].field").value("breaking"));
			}
		}
		assertThat(this.articles.count()).isEqualTo(before + 1);
		this.mvc.perform(authorized(get("/api/articles/{id}", id)))
			.andExpect(jsonPath("$.version").value(1))
			.andExpect(jsonPath("$.breaking").value(false));
	}

	@Test
	void badImageIsAProblemNamingTheFieldAndWritesNothing() throws Exception {
		long before = this.articles.count();
		String id = id(this.mvc.perform(post(article())).andExpect(status().isCreated()).andReturn());
		Map<String, Object> good = Map.of("url", "https://images.example.com/a.jpg", "alt", "A bridge");
		List<Map.Entry<String, Object>> cases = List.of(Map.entry("image.url", with(good, "url", "/images/a.jpg")),
				Map.entry("image.url", with(good, "url", "ftp://images.example.com/a.jpg")),
				Map.entry("image.url", with(good, "url", "data:image/png;base64,AAAA")),
				Map.entry("image.url", with(good, "url", "https://images.example.com/" + "a".repeat(2048))),
				Map.entry("image.url", Map.of("alt", "A bridge")),
				Map.entry("image.alt", Map.of("url", "https://images.example.com/a.jpg")),
				Map.entry("image.alt", with(good, "alt", "x".repeat(1001))),
				Map.entry("image.width", with(good, "width", 0)), Map.entry("image.height", with(good, "height", -1)),
				Map.entry("image.width", with(good, "width", 10001)),
				Map.entry("image.height", with(good, "height", "800")),
				Map.entry("image.width", with(good, "width", 12.5)),
				Map.entry("image.width", with(good, "width", 99999999999L)),
				Map.entry("image.height", with(good, "height", new BigInteger("1" + "0".repeat(40)))),
				Map.entry("image.alt", with(good, "alt", 7)), Map.entry("image.caption", with(good, "caption", "x")),
				Map.entry("image", "https://images.example.com/a.jpg"), Map.entry("image", List.of(good)));
		for (Map.Entry<String, Object> entry : cases) {
			for (var request : List.of(post(article().with("image", entry.getValue())),
					put(id, 1, article().with("image", entry.getValue())))) {
				this.mvc.perform(request)
					.andExpect(status().isBadRequest())
					.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
					.andExpect(jsonPath("$.title").value("Invalid request"))
					.andExpect(jsonPath("$.detail").value(containsString(entry.getKey())))
					.andExpect(jsonPath("$.errors[0].field").value(entry.getKey()))
					.andExpect(jsonPath("$.detail").value(not(containsString("Exception"))));
			}
		}
		assertThat(this.articles.count()).isEqualTo(before + 1);
		this.mvc.perform(authorized(get("/api/articles/{id}", id)))
			.andExpect(jsonPath("$.version").value(1))
			.andExpect(jsonPath("$.image").value(nullValue()));
	}

	@Test
	void malformedJsonIsRefused() throws Exception {
		this.mvc
			.perform(authorized(MockMvcRequestBuilders.post("/api/articles")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\": \"unterminated"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Malformed JSON"));
		this.mvc
			.perform(authorized(MockMvcRequestBuilders.post("/api/articles")).contentType(MediaType.APPLICATION_JSON)
				.content(new byte[] { '{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"',
						'}' }))
			.andExpect(status().isBadRequest());
	}

	@Test
	void bodiesThatAreNotWellFormedUtf8AreRefusedEvenWhereTheJsonParserWouldDecodeThem() throws Exception {
		long before = this.articles.count();
		// An overlong /, a surrogate, a code point above U+10FFFF, a sequence cut off.
		for (byte[] bad : List.of(new byte[] { (byte) 0xC0, (byte) 0xAF },
				new byte[] { (byte) 0xE0, (byte) 0x80, (byte) 0xAF },
				new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
				new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 })) {
			this.mvc
				.perform(
						authorized(MockMvcRequestBuilders.post("/api/articles")).contentType(MediaType.APPLICATION_JSON)
							.content(titled(bad)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.title").value("Malformed JSON"));
		}
		this.mvc
			.perform(authorized(MockMvcRequestBuilders.post("/api/articles")).contentType(MediaType.APPLICATION_JSON)
				.content(
						new byte[] { '{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', 'x', (byte) 0xE2, (byte) 0x82 }))
			.andExpect(status().isBadRequest());
		assertThat(this.articles.count()).isEqualTo(before);
		this.mvc
			.perform(authorized(MockMvcRequestBuilders.post("/api/articles")).contentType(MediaType.APPLICATION_JSON)
				.content(titled("Café 中文 🚲".getBytes(StandardCharsets.UTF_8))))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.title").value("x Café 中文 🚲 x"));
	}

	private static byte[] titled(byte[] middle) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes("{\"title\": \"x ".getBytes(StandardCharsets.UTF_8));
		body.writeBytes(middle);
		body.writeBytes(" x\"}".getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

	@Test
	void bodyOverOneMebibyteIsTooLarge() throws Exception {
		long before = this.articles.count();
		this.mvc.perform(post(article().with("contentHtml", "<p>" + "a".repeat(1_100_000) + "</p>")))
			.andExpect(status().isContentTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(this.articles.count()).isEqualTo(before);
	}

	@Test
	void contentThatWouldMakeTheEventLargerThanKafkaAcceptsIsRefusedAndNothingIsWritten() throws Exception {
		long before = this.articles.count();
		// 300 KB sent, 1.5 MB once sanitized: every & becomes &amp;.
		String content = "<p>" + "&".repeat(300_000) + "</p>";
		for (ArticleJson request : List.of(article().with("contentHtml", content),
				article().draft().with("contentHtml", content))) {
			this.mvc.perform(post(request))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value("contentHtml"));
		}
		assertThat(this.articles.count()).isEqualTo(before);
		this.mvc.perform(post(article().with("contentHtml", "<p>" + "&".repeat(150_000) + "</p>")))
			.andExpect(status().isCreated());
	}

	@Test
	void theLongestNamesOfCharactersThatJsonEscapesAreKept() throws Exception {
		List<String> authors = IntStream.range(0, 50).mapToObj((i) -> "\\".repeat(198) + "%02d".formatted(i)).toList();
		List<String> categories = IntStream.range(0, 50)
			.mapToObj((i) -> "\"".repeat(98) + "%02d".formatted(i))
			.toList();
		String id = id(this.mvc.perform(post(article().with("authors", authors).with("categories", categories)))
			.andExpect(status().isCreated())
			.andReturn());
		JsonNode stored = body(this.mvc.perform(authorized(get("/api/articles/{id}", id))).andReturn());
		assertThat(stored.get("authors").valueStream().map(JsonNode::asString)).containsExactlyElementsOf(authors);
		assertThat(stored.get("categories").valueStream().map(JsonNode::asString))
			.containsExactlyElementsOf(categories);
	}

	@Test
	void articlePageShowsPublishedArticlesOnly() throws Exception {
		String id = id(this.mvc.perform(post(article().with("title", "Caf\u00e9 <opens> & \"closes\""))).andReturn());
		this.mvc.perform(get("/articles/{id}", id))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=60, public"))
			.andExpect(content().string(containsString("<html lang=\"en\">")))
			.andExpect(content().string(containsString("By Ada Lovelace · ")))
			.andExpect(content().string(containsString("Café &lt;opens&gt; &amp; &quot;closes&quot;")))
			.andExpect(content().string(containsString("<strong>31 to 9</strong>")));
		String draft = id(this.mvc.perform(post(article().draft())).andReturn());
		this.mvc.perform(get("/articles/{id}", draft)).andExpect(status().isNotFound());
		this.mvc.perform(authorized(delete("/api/articles/{id}", id))).andExpect(status().isNoContent());
		this.mvc.perform(get("/articles/{id}", id)).andExpect(status().isGone());
		this.mvc.perform(get("/articles/{id}", "../../etc/passwd")).andExpect(status().is4xxClientError());
	}

	@Test
	void articlePageShowsTheImageWithItsAltText() throws Exception {
		Map<String, Object> image = Map.of("url", "https://images.example.com/bridge.jpg?w=1200&h=800", "alt",
				"The bridge \"at dawn\" <seen> from the river", "width", 1200, "height", 800);
		String id = id(this.mvc.perform(post(article().with("image", image))).andReturn());
		this.mvc.perform(get("/articles/{id}", id))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<img class=\"lead\" "
					+ "src=\"https://images.example.com/bridge.jpg?w=1200&amp;h=800\" "
					+ "alt=\"The bridge &quot;at dawn&quot; &lt;seen&gt; from the river\" width=\"1200\" height=\"800\">")));
		String decorative = id(this.mvc
			.perform(post(article().with("image", Map.of("url", "https://images.example.com/rule.svg", "alt", ""))))
			.andReturn());
		this.mvc.perform(get("/articles/{id}", decorative))
			.andExpect(content()
				.string(containsString("<img class=\"lead\" src=\"https://images.example.com/rule.svg\" alt=\"\">")));
		String without = id(this.mvc.perform(post(article())).andReturn());
		this.mvc.perform(get("/articles/{id}", without))
			.andExpect(content().string(not(containsString("<img class=\"lead\""))));
	}

	private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
		Map<String, Object> changed = new java.util.LinkedHashMap<>(map);
		changed.put(key, value);
		return changed;
	}

	private String id(MvcResult result) throws Exception {
		return body(result).get("id").asString();
	}

	private JsonNode body(MvcResult result) throws Exception {
		return this.json.readTree(result.getResponse().getContentAsString());
	}

}
