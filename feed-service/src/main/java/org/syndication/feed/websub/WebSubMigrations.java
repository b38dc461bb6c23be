package org.syndication.feed.websub;

import org.flywaydb.core.api.migration.JavaMigration;
import org.syndication.feed.FeedProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's Java migrations, which Spring Boot hands to Flyway with the SQL ones. Whether
 * or not the hub is enabled: a database migrated once must find every migration again.
 */
@Configuration(proxyBeanMethods = false)
class WebSubMigrations {

	@Bean
	JavaMigration normaliseWebSubCallbacks(FeedProperties properties) {
		return new V10__Normalise_websub_callbacks(properties.baseUrl());
	}

}
