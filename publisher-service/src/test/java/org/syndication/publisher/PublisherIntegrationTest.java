package org.syndication.publisher;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The whole publisher, serving HTTP on a random port, on an in-memory H2 database and a
 * real embedded Kafka broker (KRaft) on random ports. Every test class with this
 * annotation shares one application context. A class that adds to it (an import, a
 * property) gets a context and a broker of its own, and must name a database of its own
 * too: the relays of contexts sharing a database send each other's messages, each to its
 * own broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "publisher.api-token=" + TestApi.TOKEN,
				"spring.datasource.url=jdbc:h2:mem:publisher;DB_CLOSE_DELAY=-1",
				"spring.kafka.security.protocol=PLAINTEXT", "publisher.scheduling.poll-interval=200ms",
				"publisher.outbox.metrics-interval=200ms", "publisher.scheduling.metrics-interval=200ms",
				"service.readiness-gauge.interval=200ms" })
@AutoConfigureMockMvc
// The embedded broker lives in the test JVM and asks for no credentials (PLAINTEXT);
// the secured brokers are tested in local-stack and system-tests.
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public @interface PublisherIntegrationTest {

}
