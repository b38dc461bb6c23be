package org.syndication.publisher.article;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import org.syndication.publisher.PublisherProperties;
import org.syndication.publisher.editor.Editor;
import org.syndication.publisher.editor.Role;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The life of an article: every change writes the article, its revision (who made it)
 * and, when readers can see the change, its event in one transaction. Authors create and
 * edit drafts; whatever readers can see, or will see at a scheduled time, needs an
 * editor.
 */
@Service
class ArticleService {

	private static final int SCHEDULED_BATCH = 100;

	private final ArticleRepository articles;

	private final ArticleRevisionRepository revisions;

	private final ArticleEvents events;

	private final PublisherProperties properties;

	private final Clock clock;

	ArticleService(ArticleRepository articles, ArticleRevisionRepository revisions, ArticleEvents events,
			PublisherProperties properties, Clock clock) {
		this.articles = articles;
		this.revisions = revisions;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	@Transactional
	Article create(ArticleRequest request, Editor editor) {
		require(editor, request.isDraft() ? Role.AUTHOR : Role.EDITOR,
				request.isDraft() ? "Creating a draft" : "Publishing or scheduling an article");
		if (request.status() == ArticleStatus.RETRACTED) {
			throw ArticleProblems.invalidField("status", "must be DRAFT, SCHEDULED or PUBLISHED");
		}
		UUID id = UUID.randomUUID();
		Instant now = now();
		ArticleContent content = clean(request, id);
		Instant publishedAt = publishedAt(request, null, now);
		ArticleStatus status = request.isDraft() ? ArticleStatus.DRAFT : liveOrScheduled(publishedAt, now);
		Article article = new Article(id, 1, status, content.title(), content.summary(), content.contentHtml(),
				content.url(), content.authors(), content.categories(), content.language(), content.breaking(),
				content.image(), (status == ArticleStatus.DRAFT) ? parsedPublishedAt(request) : publishedAt, now, now);
		this.events.requireFits(article);
		this.articles.insert(article);
		record(article, null, editor, now);
		if (status == ArticleStatus.PUBLISHED) {
			this.events.published(article, now);
		}
		return article;
	}

	@Transactional(readOnly = true)
	Article find(UUID id) {
		return this.articles.findById(id).orElseThrow(() -> ArticleProblems.notFound(id));
	}

	@Transactional(readOnly = true)
	ArticlePage list(int page, int size) {
		List<ArticleResponse> items = this.articles.findPage(page, size).stream().map(ArticleResponse::of).toList();
		long total = this.articles.count();
		return new ArticlePage(items, page, size, total, (total + size - 1) / size);
	}

	/**
	 * Replaces an article's content. {@code expectedVersion} {@code null} means the
	 * caller sent {@code If-Match: *}.
	 */
	@Transactional
	Article update(UUID id, Long expectedVersion, ArticleRequest request, Editor editor) {
		Article current = find(id);
		if (current.status() != ArticleStatus.DRAFT || !request.isDraft()) {
			require(editor, Role.EDITOR, (current.status() == ArticleStatus.DRAFT) ? "Publishing or scheduling a draft"
					: "Editing a " + current.status().name().toLowerCase(Locale.ROOT) + " article");
		}
		else {
			require(editor, Role.AUTHOR, "Editing a draft");
		}
		if (expectedVersion != null && expectedVersion != current.version()) {
			throw ArticleProblems.versionMismatch(current.version());
		}
		if (current.status() == ArticleStatus.RETRACTED) {
			throw ArticleProblems.conflict("The article was retracted; a retracted article cannot be edited.");
		}
		if (request.status() == ArticleStatus.RETRACTED) {
			throw ArticleProblems.invalidField("status", "use DELETE to retract an article");
		}
		Instant now = now();
		boolean wasLive = current.status() == ArticleStatus.PUBLISHED;
		if (request.isDraft() && wasLive) {
			throw ArticleProblems
				.conflict("A published article cannot go back to draft; retract it with DELETE if it must come down.");
		}
		Instant publishedAt = publishedAt(request, current.publishedAt(), now);
		ArticleStatus status;
		if (request.isDraft()) {
			status = ArticleStatus.DRAFT;
			publishedAt = parsedPublishedAt(request);
		}
		else {
			status = wasLive ? ArticleStatus.PUBLISHED : liveOrScheduled(publishedAt, now);
		}
		Article revised = current.revise(clean(request, id), status, publishedAt, now);
		this.events.requireFits(revised);
		if (!this.articles.update(revised, current.version())) {
			throw ArticleProblems.versionMismatch(find(id).version());
		}
		record(revised, current.status(), editor, now);
		if (wasLive) {
			this.events.updated(revised, now);
		}
		else if (status == ArticleStatus.PUBLISHED) {
			this.events.published(revised, now);
		}
		return revised;
	}

	/**
	 * Retracts an article. Retracting a retracted article changes nothing; an article
	 * that never went live is retracted without an event, since no reader ever saw it.
	 */
	@Transactional
	void retract(UUID id, Editor editor) {
		Article current = find(id);
		require(editor, Role.EDITOR, "Retracting an article");
		if (current.status() == ArticleStatus.RETRACTED) {
			return;
		}
		Instant now = now();
		Article retracted = current.withStatus(ArticleStatus.RETRACTED, now);
		if (!this.articles.update(retracted, current.version())) {
			throw ArticleProblems.versionMismatch(find(id).version());
		}
		record(retracted, current.status(), editor, now);
		if (current.status() == ArticleStatus.PUBLISHED) {
			this.events.retracted(retracted, now);
		}
	}

	@Transactional(readOnly = true)
	ArticleHistory history(UUID id) {
		find(id);
		return ArticleHistory.of(id, this.revisions.findByArticle(id));
	}

	@Transactional(readOnly = true)
	List<UUID> scheduledDue() {
		return this.articles.findScheduledDue(now(), SCHEDULED_BATCH);
	}

	/** Publishes a scheduled article whose time has come; anything else is left alone. */
	@Transactional
	void publishIfDue(UUID id) {
		Instant now = now();
		this.articles.findById(id)
			.filter((article) -> article.status() == ArticleStatus.SCHEDULED && !article.publishedAt().isAfter(now))
			.ifPresent((article) -> {
				Article published = article.withStatus(ArticleStatus.PUBLISHED, now);
				if (this.articles.update(published, article.version())) {
					this.revisions.insert(id, new ArticleRevision(published.version(), ArticleStatus.PUBLISHED,
							article.status(), ArticleRevision.SCHEDULER, null, now));
					this.events.published(published, now);
				}
			});
	}

	private static void require(Editor editor, Role needed, String action) {
		if (!editor.may(needed)) {
			throw ArticleProblems.roleNeeded(needed, action, editor);
		}
	}

	private void record(Article article, ArticleStatus previousStatus, Editor editor, Instant now) {
		this.revisions.insert(article.id(), new ArticleRevision(article.version(), article.status(), previousStatus,
				editor.name(), editor.role().map(Role::label).orElse(null), now));
	}

	private ArticleContent clean(ArticleRequest request, UUID id) {
		String title = XmlText.singleLine(request.title());
		if (title == null || title.isEmpty()) {
			throw ArticleProblems.invalidField("title", "must not be blank");
		}
		String url = (request.url() != null) ? request.url().strip() : this.properties.articlePageUrl(id);
		String language = (request.language() != null) ? LanguageTag.Validator.canonical(request.language()) : "en";
		return new ArticleContent(title, blankToNull(XmlText.clean(request.summary())),
				blankToNull(HtmlSanitizer.sanitize(request.contentHtml())), url, names(request.authors()),
				names(request.categories()), language, request.isBreaking(),
				(request.image() != null) ? request.image().toImage() : null);
	}

	private static List<String> names(List<String> names) {
		if (names == null) {
			return List.of();
		}
		LinkedHashSet<String> distinct = new LinkedHashSet<>();
		names.stream()
			.filter(Objects::nonNull)
			.map(XmlText::singleLine)
			.filter((name) -> !name.isEmpty())
			.forEach(distinct::add);
		return List.copyOf(distinct);
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

	private Instant publishedAt(ArticleRequest request, Instant current, Instant now) {
		Instant requested = parsedPublishedAt(request);
		if (requested != null) {
			return requested;
		}
		return (current != null) ? current : now;
	}

	private Instant parsedPublishedAt(ArticleRequest request) {
		return (request.publishedAt() != null)
				? PublicationTimes.parse(request.publishedAt(), this.properties.timeZone()) : null;
	}

	private static ArticleStatus liveOrScheduled(Instant publishedAt, Instant now) {
		return publishedAt.isAfter(now) ? ArticleStatus.SCHEDULED : ArticleStatus.PUBLISHED;
	}

	private Instant now() {
		return Instant.now(this.clock).truncatedTo(ChronoUnit.MILLIS);
	}

}
