package org.syndication.publisher.outbox;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Reports whether the Kafka cluster answers and accepts this service's credentials, for
 * the readiness probe. A change of state is logged once, not at every probe.
 */
@Component
class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(KafkaHealthIndicator.class);

	private static final int TIMEOUT_MS = 3000;

	private final Map<String, Object> config;

	private final Admin admin;

	private KafkaFailure.Kind lastFailure;

	KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
		this.config = Map.copyOf(config);
		this.admin = Admin.create(config);
	}

	@Override
	public Health health() {
		try {
			DescribeClusterResult cluster = this.admin
				.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
			Health health = Health.up()
				.withDetail("clusterId", cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS))
				.withDetail("nodes", cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size())
				.build();
			changed(null);
			return health;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down().withDetail("error", "interrupted").build();
		}
		catch (Exception ex) {
			KafkaFailure failure = KafkaFailure.of(ex, this.config);
			changed(failure);
			return Health.down().withDetail("error", failure.message()).build();
		}
	}

	/**
	 * @param failure why the check failed, or null when it passed
	 */
	private synchronized void changed(KafkaFailure failure) {
		KafkaFailure.Kind now = (failure != null) ? failure.kind() : null;
		if (now == this.lastFailure) {
			return;
		}
		if (failure == null) {
			logger.info("Kafka answers and accepts this service's credentials again");
		}
		else if (failure.isConfiguration()) {
			logger.error(failure.message());
		}
		else {
			logger.warn(failure.message());
		}
		this.lastFailure = now;
	}

	@Override
	public void destroy() {
		this.admin.close();
	}

}
