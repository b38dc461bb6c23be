package org.syndication.publisher.article;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The reader's page of a published article: where feed items and emails link when an
 * article has no url of its own.
 */
@RestController
class ArticlePageController {

	private static final DateTimeFormatter DATE = DateTimeFormatter
		.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	private final ArticleRepository articles;

	ArticlePageController(ArticleRepository articles) {
		this.articles = articles;
	}

	@GetMapping(path = "/articles/{id}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> page(@PathVariable String id) {
		Article article;
		try {
			article = this.articles.findById(UUID.fromString(id)).orElse(null);
		}
		catch (IllegalArgumentException ex) {
			article = null;
		}
		if (article == null || article.status() == ArticleStatus.DRAFT || article.status() == ArticleStatus.SCHEDULED) {
			return message(HttpStatus.NOT_FOUND, "Article not found", "There is no article at this address.");
		}
		if (article.status() == ArticleStatus.RETRACTED) {
			return message(HttpStatus.GONE, "Article retracted", "This article has been retracted.");
		}
		return ResponseEntity.ok()
			.contentType(HTML)
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
			.body(render(article));
	}

	private static String render(Article article) {
		String byline = article.authors().isEmpty() ? "" : "By " + escape(String.join(", ", article.authors())) + " · ";
		String categories = article.categories().isEmpty() ? ""
				: "<p class=\"categories\">" + escape(String.join(" · ", article.categories())) + "</p>";
		String summary = (article.summary() != null) ? "<p class=\"summary\">" + escape(article.summary()) + "</p>"
				: "";
		// contentHtml was sanitized with an allow-list when it was written.
		String content = (article.contentHtml() != null) ? article.contentHtml() : "";
		return """
				<!DOCTYPE html>
				<html lang="%s">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%s</title>
				<link rel="canonical" href="%s">
				<style>body{max-width:42rem;margin:2rem auto;padding:0 1rem;font:1.1rem/1.6 Georgia,serif;color:#222}
				.meta,.categories{color:#666;font-size:.9rem}pre{overflow-x:auto;background:#f5f5f5;padding:.5rem}
				img{max-width:100%%}</style>
				</head>
				<body>
				<article>
				<h1>%s</h1>
				<p class="meta">%s<time datetime="%s">%s</time></p>
				%s
				%s
				<div class="content">%s</div>
				</article>
				</body>
				</html>
				""".formatted(escape(article.language()), escape(article.title()), escape(article.url()),
				escape(article.title()), byline, article.publishedAt(), DATE.format(article.publishedAt()), categories,
				summary, content);
	}

	private static ResponseEntity<String> message(HttpStatus status, String title, String text) {
		String body = """
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8"><title>%s</title></head>
				<body><h1>%s</h1><p>%s</p></body></html>
				""".formatted(title, title, text);
		return ResponseEntity.status(status).contentType(HTML).body(body);
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

}
