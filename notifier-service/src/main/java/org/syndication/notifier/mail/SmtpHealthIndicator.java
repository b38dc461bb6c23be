package org.syndication.notifier.mail;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether the SMTP server answers. Registered as the bean {@code smtpHealthIndicator}, so
 * the health contributor is called {@code smtp}.
 */
class SmtpHealthIndicator extends AbstractHealthIndicator {

	private final SmtpMailer mailer;

	SmtpHealthIndicator(SmtpMailer mailer) {
		super("SMTP health check failed");
		this.mailer = mailer;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.mailer.isAvailable()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("location", this.mailer.location());
	}

}
