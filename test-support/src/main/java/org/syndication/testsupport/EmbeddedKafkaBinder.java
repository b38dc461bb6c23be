package org.syndication.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.TestPropertySource;

/**
 * An embedded Kafka broker (KRaft) for a Spring Boot test, with the service's Kafka
 * clients and its Spring Cloud Stream binder pointed at it. The broker lives in the test
 * JVM and asks for no credentials (PLAINTEXT); the secured brokers are tested in
 * local-stack and system-tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestPropertySource(properties = { "spring.kafka.security.protocol=PLAINTEXT",
		"spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}" })
public @interface EmbeddedKafkaBinder {

	/** Partitions of each topic the broker creates by itself. */
	@AliasFor(annotation = EmbeddedKafka.class)
	int partitions() default 3;

}
