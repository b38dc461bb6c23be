package org.syndication.web.readiness;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code service.ready} gauge in a context with the actuator's health endpoint and a
 * meter registry, as a service has them, and a readiness group of one check that the test
 * turns up and down.
 */
class ReadinessGaugeTests {

	private final AtomicReference<Status> check = new AtomicReference<>(Status.UP);

	private final AtomicInteger checks = new AtomicInteger();

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(EndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
						HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
						MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
						CompositeMeterRegistryAutoConfiguration.class, ReadinessGaugeAutoConfiguration.class))
		.withPropertyValues("management.endpoint.health.group.readiness.include=checked")
		.withBean("checkedHealthIndicator", HealthIndicator.class, () -> () -> {
			this.checks.incrementAndGet();
			return Health.status(this.check.get()).build();
		});

	@Test
	void theGaugeIsOneWhileTheReadinessGroupIsUpAndZeroWhileItIsNot() {
		this.contexts.withPropertyValues("service.readiness-gauge.interval=50ms").run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> ready(meters) == 1);
			this.check.set(Status.DOWN);
			await().atMost(Duration.ofSeconds(5)).until(() -> ready(meters) == 0);
			this.check.set(Status.OUT_OF_SERVICE);
			await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> ready(meters) == 0);
			this.check.set(Status.UP);
			await().atMost(Duration.ofSeconds(5)).until(() -> ready(meters) == 1);
		});
	}

	@Test
	void aServiceWhoseReadinessIsDownShowsZero() {
		this.check.set(Status.DOWN);
		this.contexts.withPropertyValues("service.readiness-gauge.interval=50ms").run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> this.checks.get() >= 2);
			assertThat(ready(meters)).isZero();
		});
	}

	@Test
	void readingTheGaugeRunsNoHealthCheck() {
		this.contexts.withPropertyValues("service.readiness-gauge.interval=1h").run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> ready(meters) == 1);
			int before = this.checks.get();
			for (int scrape = 0; scrape < 100; scrape++) {
				assertThat(ready(meters)).isEqualTo(1);
			}
			assertThat(this.checks).hasValue(before);
		});
	}

	@Test
	void aServiceWithoutTheHealthEndpointGetsNoGauge() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
							CompositeMeterRegistryAutoConfiguration.class, ReadinessGaugeAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ReadinessGauge.class);
				assertThat(context.getBean(MeterRegistry.class).find("service.ready").gauge()).isNull();
			});
	}

	private static double ready(MeterRegistry meters) {
		return meters.get("service.ready").gauge().value();
	}

}
