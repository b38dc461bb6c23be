package org.syndication.publisher.editor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

	private static final String COLUMNS = "name, role, key_digest, created_at, created_by";

	private final JdbcClient jdbc;

	ApiKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Keeps a new key.
	 * @return whether it was kept; {@code false} when a key of that name exists, in any
	 * case
	 */
	boolean insert(ApiKey key) {
		try {
			return this.jdbc
				.sql("INSERT INTO api_key (" + COLUMNS + ") SELECT :name, :role, :digest, :createdAt, :createdBy "
						+ "WHERE NOT EXISTS (SELECT 1 FROM api_key WHERE LOWER(name) = LOWER(:name))")
				.param("name", key.name())
				.param("role", key.role().name())
				.param("digest", key.digest())
				.param("createdAt", key.createdAt().atOffset(ZoneOffset.UTC))
				.param("createdBy", key.createdBy())
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	Optional<ApiKey> findByDigest(String digest) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE key_digest = :digest")
			.param("digest", digest)
			.query(this::map)
			.optional();
	}

	List<ApiKey> findAll() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_key ORDER BY name").query(this::map).list();
	}

	boolean delete(String name) {
		return this.jdbc.sql("DELETE FROM api_key WHERE name = :name").param("name", name).update() == 1;
	}

	private ApiKey map(ResultSet rs, int row) throws SQLException {
		return new ApiKey(rs.getString("name"), Role.valueOf(rs.getString("role")), rs.getString("key_digest"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("created_by"));
	}

}
