package org.syndication.notifier.bounce;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.delivery.DeliveryHistory;
import org.syndication.notifier.mail.ReturnPaths;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Return paths of their own for every mail, when a bounce address is set, and the reading
 * of the bounce mailbox, when an IMAP host is set, every
 * {@code notifier.bounces.interval}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BounceSettings.class)
class BounceConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(BounceConfiguration.class);

	@Bean
	ReturnPaths returnPaths(BounceSettings settings, NotifierProperties properties) {
		ReturnPaths paths = ReturnPaths.of(settings.address(), properties.tokenSecret());
		if (paths.enabled()) {
			logger.info("Mails go out with return paths of their own, {}: the mail server must deliver them to {}",
					paths.shape(), settings.address());
		}
		return paths;
	}

	/** The health contributor {@code sender}, refreshed every minute. */
	@Bean
	SenderHealth senderHealthIndicator(DeliveryHistory deliveries, BounceReportRepository reports, Clock clock,
			MeterRegistry registry) {
		return new SenderHealth(deliveries, reports, clock, registry);
	}

	@Bean
	SchedulingConfigurer senderHealthSchedule(SenderHealth health) {
		return (ScheduledTaskRegistrar tasks) -> tasks.addFixedDelayTask(() -> {
			try {
				health.refresh();
			}
			catch (RuntimeException ex) {
				logger.warn("Sender health not counted: {}", ex.toString());
			}
		}, Duration.ofMinutes(1));
	}

	@Bean
	@ConditionalOnExpression("'${notifier.bounces.imap.host:}' != ''")
	BounceMailbox bounceMailbox(BounceSettings settings, Bounces bounces) {
		if (settings.address() == null || settings.address().isBlank()) {
			logger.warn("The bounce mailbox is read, but notifier.bounces.address is not set: mails go out with the "
					+ "From address as their return path, and reports about them name no delivery");
		}
		return new BounceMailbox(settings, bounces);
	}

	@Bean
	@ConditionalOnExpression("'${notifier.bounces.imap.host:}' != ''")
	SchedulingConfigurer bounceSchedule(ObjectProvider<BounceMailbox> mailbox, BounceSettings settings) {
		Duration interval = settings.interval();
		return (ScheduledTaskRegistrar tasks) -> tasks.addFixedDelayTask(() -> {
			try {
				mailbox.getObject().read();
			}
			catch (Exception ex) {
				logger.warn("Bounce mailbox {}:{} not read: {}", settings.imap().host(), settings.imap().port(),
						ex.toString());
			}
		}, interval);
	}

}
