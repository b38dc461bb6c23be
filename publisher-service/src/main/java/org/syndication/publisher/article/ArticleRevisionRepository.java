package org.syndication.publisher.article;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ArticleRevisionRepository {

	private final JdbcClient jdbc;

	ArticleRevisionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID articleId, ArticleRevision revision) {
		this.jdbc
			.sql("""
					INSERT INTO article_revision (article_id, version, status, previous_status, actor, actor_role, changed_at)
					VALUES (:articleId, :version, :status, :previousStatus, :actor, :actorRole, :at)""")
			.param("articleId", articleId)
			.param("version", revision.version())
			.param("status", revision.status().name())
			.param("previousStatus", (revision.previousStatus() != null) ? revision.previousStatus().name() : null)
			.param("actor", revision.actor())
			.param("actorRole", revision.actorRole())
			.param("at", revision.at().atOffset(ZoneOffset.UTC))
			.update();
	}

	List<ArticleRevision> findByArticle(UUID articleId) {
		return this.jdbc
			.sql("SELECT version, status, previous_status, actor, actor_role, changed_at FROM article_revision "
					+ "WHERE article_id = :articleId ORDER BY version")
			.param("articleId", articleId)
			.query((rs, row) -> new ArticleRevision(rs.getLong("version"),
					ArticleStatus.valueOf(rs.getString("status")),
					(rs.getString("previous_status") != null) ? ArticleStatus.valueOf(rs.getString("previous_status"))
							: null,
					rs.getString("actor"), rs.getString("actor_role"),
					rs.getObject("changed_at", OffsetDateTime.class).toInstant()))
			.list();
	}

}
