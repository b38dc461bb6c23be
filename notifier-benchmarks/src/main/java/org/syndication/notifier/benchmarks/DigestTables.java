package org.syndication.notifier.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.syndication.notifier.benchmarks.PlainSmtpLoop.Digest;
import org.syndication.notifier.benchmarks.PlainSmtpLoop.Recipient;
import org.syndication.notifier.mail.ArticleContent;

import org.springframework.jdbc.core.JdbcTemplate;

/** What the notifier's tables hold of a digest run, read back to check and to resend. */
final class DigestTables {

	private DigestTables() {
	}

	/**
	 * The digests as the notifier queued them, each with its articles newest first, as
	 * the dispatcher reads them; the same articles are the same objects.
	 */
	static List<Digest> queuedDigests(JdbcTemplate jdbc) {
		Map<UUID, ArticleContent> articles = new HashMap<>();
		jdbc.query("SELECT article_id, title, summary, content_html, url, language FROM article_alert", (rs) -> {
			articles.put(rs.getObject(1, UUID.class), new ArticleContent(rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6)));
		});
		Map<Long, Digest> digests = new LinkedHashMap<>();
		jdbc.query("""
				SELECT d.id, d.subscriber_id, s.email, d.period_key, i.article_id
				FROM mail_delivery d JOIN subscriber s ON s.id = d.subscriber_id
				JOIN digest_item i ON i.delivery_id = d.id JOIN article_alert a ON a.article_id = i.article_id
				WHERE d.kind = 'DIGEST' ORDER BY d.id, a.published_at DESC, a.article_id""", (rs) -> {
			UUID subscriber = rs.getObject(2, UUID.class);
			String email = rs.getString(3);
			String key = "digest." + subscriber + "." + rs.getString(4);
			digests
				.computeIfAbsent(rs.getLong(1),
						(id) -> new Digest(new Recipient(subscriber, email), key, new ArrayList<>()))
				.articles()
				.add(articles.get(rs.getObject(5, UUID.class)));
		});
		return new ArrayList<>(digests.values());
	}

	static Map<String, Long> byStatus(JdbcTemplate jdbc) {
		Map<String, Long> statuses = new LinkedHashMap<>();
		jdbc.query("SELECT status, COUNT(*) FROM mail_delivery WHERE kind = 'DIGEST' GROUP BY status ORDER BY 1",
				(rs) -> {
					statuses.put(rs.getString(1), rs.getLong(2));
				});
		return statuses;
	}

}
