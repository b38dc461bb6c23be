package org.syndication.publisher.article;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ArticleRepository {

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final String COLUMNS = "id, version, status, title, summary, content_html, url, authors, categories, "
			+ "language, breaking, image_url, image_alt, image_width, image_height, published_at, created_at, updated_at";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ArticleRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(Article article) {
		this.jdbc
			.sql("INSERT INTO article (" + COLUMNS + ") VALUES (:id, :version, :status, :title, :summary, "
					+ ":contentHtml, :url, :authors, :categories, :language, :breaking, :imageUrl, :imageAlt, "
					+ ":imageWidth, :imageHeight, :publishedAt, :createdAt, :updatedAt)")
			.params(parameters(article))
			.update();
	}

	/**
	 * Writes the next version of an article, if nobody else wrote one first. The row lock
	 * this takes also orders the outbox: an event written after it in the same
	 * transaction gets a later outbox position than any event of an earlier version.
	 * @return whether the row was at {@code expectedVersion} and is now updated
	 */
	boolean update(Article article, long expectedVersion) {
		return this.jdbc.sql("""
				UPDATE article SET version = :version, status = :status, title = :title, summary = :summary,
				content_html = :contentHtml, url = :url, authors = :authors, categories = :categories,
				language = :language, breaking = :breaking, image_url = :imageUrl, image_alt = :imageAlt,
				image_width = :imageWidth, image_height = :imageHeight, published_at = :publishedAt,
				updated_at = :updatedAt
				WHERE id = :id AND version = :expectedVersion""")
			.params(parameters(article))
			.param("expectedVersion", expectedVersion)
			.update() == 1;
	}

	Optional<Article> findById(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM article WHERE id = :id")
			.param("id", id)
			.query(this::map)
			.optional();
	}

	List<Article> findPage(int page, int size) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM article ORDER BY created_at DESC, id DESC "
					+ "OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY")
			.param("offset", (long) page * size)
			.param("size", size)
			.query(this::map)
			.list();
	}

	long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM article").query(Long.class).single();
	}

	List<UUID> findScheduledDue(Instant now, int limit) {
		return this.jdbc
			.sql("SELECT id FROM article WHERE status = 'SCHEDULED' AND published_at <= :now "
					+ "ORDER BY published_at FETCH FIRST :limit ROWS ONLY")
			.param("now", utc(now))
			.param("limit", limit)
			.query((rs, row) -> rs.getObject("id", UUID.class))
			.list();
	}

	/**
	 * How many scheduled articles are past their time and not published yet, and how far
	 * past it the first of them is: both read from the schedule index, whatever the
	 * number of articles.
	 */
	Overdue scheduledOverdue(Instant now) {
		return this.jdbc
			.sql("SELECT COUNT(*) AS overdue, MIN(published_at) AS oldest FROM article "
					+ "WHERE status = 'SCHEDULED' AND published_at <= :now")
			.param("now", utc(now))
			.query((rs, row) -> {
				Instant oldest = instant(rs, "oldest");
				return new Overdue(rs.getLong("overdue"),
						(oldest != null) ? Duration.between(oldest, now) : Duration.ZERO);
			})
			.single();
	}

	/**
	 * Scheduled articles whose time has passed without their publication.
	 *
	 * @param articles how many
	 * @param longest how far past its time the first of them is
	 */
	record Overdue(long articles, Duration longest) {

		static final Overdue NONE = new Overdue(0, Duration.ZERO);

	}

	private Map<String, Object> parameters(Article article) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("id", article.id());
		parameters.put("version", article.version());
		parameters.put("status", article.status().name());
		parameters.put("title", article.title());
		parameters.put("summary", article.summary());
		parameters.put("contentHtml", article.contentHtml());
		parameters.put("url", article.url());
		parameters.put("authors", this.json.writeValueAsString(article.authors()));
		parameters.put("categories", this.json.writeValueAsString(article.categories()));
		parameters.put("language", article.language());
		parameters.put("breaking", article.breaking());
		Image image = article.image();
		parameters.put("imageUrl", (image != null) ? image.url() : null);
		parameters.put("imageAlt", (image != null) ? image.alt() : null);
		parameters.put("imageWidth", (image != null) ? image.width() : null);
		parameters.put("imageHeight", (image != null) ? image.height() : null);
		parameters.put("publishedAt", utc(article.publishedAt()));
		parameters.put("createdAt", utc(article.createdAt()));
		parameters.put("updatedAt", utc(article.updatedAt()));
		return parameters;
	}

	private Article map(ResultSet rs, int row) throws SQLException {
		return new Article(rs.getObject("id", UUID.class), rs.getLong("version"),
				ArticleStatus.valueOf(rs.getString("status")), rs.getString("title"), rs.getString("summary"),
				rs.getString("content_html"), rs.getString("url"),
				this.json.readValue(rs.getString("authors"), STRINGS),
				this.json.readValue(rs.getString("categories"), STRINGS), rs.getString("language"),
				rs.getBoolean("breaking"), image(rs), instant(rs, "published_at"), instant(rs, "created_at"),
				instant(rs, "updated_at"));
	}

	private static Image image(ResultSet rs) throws SQLException {
		String url = rs.getString("image_url");
		return (url != null) ? new Image(url, rs.getString("image_alt"), rs.getObject("image_width", Integer.class),
				rs.getObject("image_height", Integer.class)) : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
