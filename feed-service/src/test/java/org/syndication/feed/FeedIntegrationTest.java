package org.syndication.feed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The feed service on a real HTTP port and a real embedded Kafka broker (KRaft), with an
 * in-memory H2 database and a management token. Every test class with this annotation
 * shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:feed;DB_CLOSE_DELAY=-1",
				"spring.kafka.security.protocol=PLAINTEXT",
				"spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}",
				"feed.management.token=" + FeedIntegrationTest.MANAGEMENT_TOKEN,
				"feed.change-poll-interval=" + FeedIntegrationTest.CHANGE_POLL_INTERVAL,
				// The tests' WebSub subscribers listen on this machine, and leases and
				// retries are short so that tests see them end.
				"feed.websub.allow-loopback=true", "feed.websub.min-lease=1s", "feed.websub.first-retry=100ms",
				"feed.websub.max-retry-interval=200ms", "feed.websub.poll-interval=100ms",
				// Every test's subscribers share one client address and one callback
				// host.
				"feed.websub.client-requests-per-minute=" + FeedIntegrationTest.HUB_REQUESTS_PER_MINUTE,
				"feed.websub.host-requests-per-minute=" + FeedIntegrationTest.HUB_REQUESTS_PER_MINUTE,
				"feed.websub.secret-keys=" + FeedIntegrationTest.SECRET_KEY })
// The embedded broker lives in the test JVM and asks for no credentials (PLAINTEXT);
// the secured brokers are tested in local-stack and system-tests.
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public @interface FeedIntegrationTest {

	/** The bearer token that metrics and the other guarded actuator endpoints need. */
	String MANAGEMENT_TOKEN = "test-management-token-0123456789";

	/** The key that seals subscribers' secrets in tests, and in no deployment. */
	String SECRET_KEY = "test:NKe0adi/nIEY/f9oNhMrrZ4ve1mFzwl2tPZjwXCQ1/k=";

	/** How many requests to the hub one client, or for one callback host, may make. */
	int HUB_REQUESTS_PER_MINUTE = 200;

	/** Not the default (250ms), so that a schedule ignoring the setting shows. */
	String CHANGE_POLL_INTERVAL = "300ms";

}
