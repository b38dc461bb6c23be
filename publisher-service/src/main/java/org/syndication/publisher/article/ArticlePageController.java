package org.syndication.publisher.article;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * The reader's page of a published article, from {@code templates/article/}: where feed
 * items and emails link when an article has no url of its own.
 */
@Controller
class ArticlePageController {

	private static final DateTimeFormatter DATE = DateTimeFormatter
		.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private final ArticleRepository articles;

	ArticlePageController(ArticleRepository articles) {
		this.articles = articles;
	}

	@GetMapping(path = "/articles/{id}", produces = MediaType.TEXT_HTML_VALUE)
	ModelAndView page(@PathVariable String id, HttpServletResponse response) {
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
		response.setHeader(HttpHeaders.CACHE_CONTROL,
				CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic().getHeaderValue());
		return new ModelAndView("article/page",
				Map.of("article", article, "published", DATE.format(article.publishedAt())));
	}

	private static ModelAndView message(HttpStatus status, String title, String text) {
		return new ModelAndView("article/message", Map.of("title", title, "text", text), status);
	}

}
