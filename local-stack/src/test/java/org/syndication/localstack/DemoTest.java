package org.syndication.localstack;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoTest {

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void emptyPageMeansNoArticles() {
		assertThat(Demo.existingArticles("{\"items\":[],\"page\":0,\"size\":1,\"totalItems\":0}")).contains(0L);
		assertThat(Demo.existingArticles("{\"items\": [ ]}")).contains(0L);
	}

	@Test
	void pageWithArticlesGivesTheirTotal() {
		assertThat(Demo.existingArticles("{\"items\":[{\"title\":\"x\"}],\"page\":0,\"size\":1,\"totalItems\":7}"))
			.contains(7L);
	}

	@Test
	void unknownAnswerIsNotMistakenForAnEmptyPublisher() {
		assertThat(Demo.existingArticles("<html>Login</html>")).isEmpty();
	}

	@Test
	void everyListedSampleIsAnArticleWithATitle() throws Exception {
		List<JsonNode> articles = samples();

		assertThat(articles).hasSizeGreaterThanOrEqualTo(5);
		assertThat(articles).allSatisfy((article) -> {
			assertThat(article.path("title").asText()).isNotBlank();
			assertThat(article.path("contentHtml").asText()).startsWith("<");
		});
	}

	@Test
	void samplesCoverTheHardCases() throws Exception {
		List<JsonNode> articles = samples();

		assertThat(articles).anySatisfy((article) -> {
			assertThat(article.path("publishedAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
			assertThat(article.path("contentHtml").asText()).contains("<pre>", "<ul>");
		});
		assertThat(articles).anySatisfy((article) -> assertThat(article.path("language").asText()).startsWith("zh"));
		assertThat(articles).extracting((article) -> article.path("categories").path(0).asText())
			.contains("technology", "politics", "culture");
	}

	@Test
	void titleIsShownAsWritten() {
		assertThat(Demo.title("{\"title\": \"Say \\\"hi\\\"\"}")).isEqualTo("\"Say \\\"hi\\\"\"");
	}

	private List<JsonNode> samples() throws Exception {
		List<JsonNode> articles = new ArrayList<>();
		for (String name : read("articles.txt").lines().map(String::strip).toList()) {
			if (!name.isEmpty() && !name.startsWith("#")) {
				articles.add(this.json.readTree(read(name)));
			}
		}
		return articles;
	}

	private static String read(String name) throws Exception {
		try (InputStream in = DemoTest.class.getResourceAsStream("/demo/" + name)) {
			assertThat(in).as("demo/" + name).isNotNull();
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

}
