package org.syndication.publisher.article;

import java.net.URI;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.syndication.publisher.editor.Editor;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/articles", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Articles", description = "Create, edit, schedule and retract articles")
@SecurityRequirement(name = "bearer")
class ArticleController {

	private static final Pattern VERSION_TAG = Pattern.compile("\"(\\d{1,18})\"");

	private final ArticleService articles;

	ArticleController(ArticleService articles) {
		this.articles = articles;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Create an article",
			description = "Published at once, scheduled when publishedAt is in the future, or held back with status DRAFT. Authors may only create drafts.")
	ResponseEntity<ArticleResponse> create(@Valid @RequestBody ArticleRequest request, Editor editor) {
		Article article = this.articles.create(request, editor);
		return ResponseEntity.created(URI.create("/api/articles/" + article.id()))
			.eTag(versionTag(article))
			.body(ArticleResponse.of(article));
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get an article", description = "The ETag is the version to send back as If-Match.")
	ResponseEntity<ArticleResponse> get(@PathVariable UUID id) {
		Article article = this.articles.find(id);
		return ResponseEntity.ok().eTag(versionTag(article)).body(ArticleResponse.of(article));
	}

	@GetMapping
	@Operation(summary = "List articles, newest first")
	ArticlePage list(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.articles.list(page, size);
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Replace an article",
			description = "Needs If-Match with the version you edited; emits article.updated, or article.published when a draft goes live.")
	ResponseEntity<ArticleResponse> update(@PathVariable UUID id,
			@Parameter(description = "The edited version, quoted: \"3\"",
					required = true) @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody ArticleRequest request, Editor editor) {
		Article article = this.articles.update(id, expectedVersion(ifMatch), request, editor);
		return ResponseEntity.ok().eTag(versionTag(article)).body(ArticleResponse.of(article));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Retract an article",
			description = "Emits article.retracted followed by a tombstone. Needs the role editor.")
	ResponseEntity<Void> retract(@PathVariable UUID id, Editor editor) {
		this.articles.retract(id, editor);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/history")
	@Operation(summary = "Who changed an article, and when",
			description = "Every version, oldest first, with the change, the status before and after, the API key or user that made it, and the time.")
	ArticleHistory history(@PathVariable UUID id) {
		return this.articles.history(id);
	}

	private static String versionTag(Article article) {
		return "\"" + article.version() + "\"";
	}

	/** The version in an If-Match header, or {@code null} for {@code *}. */
	private static Long expectedVersion(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw ArticleProblems.ifMatchRequired();
		}
		String value = ifMatch.strip();
		if (value.equals("*")) {
			return null;
		}
		Matcher matcher = VERSION_TAG.matcher(value);
		if (!matcher.matches()) {
			throw ArticleProblems.malformedIfMatch(value);
		}
		return Long.parseLong(matcher.group(1));
	}

}
