package org.syndication.notifier.mail;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The mail beans. The SMTP server comes from Boot's {@code spring.mail.*} properties,
 * bound here as well because Boot only binds them when it makes a {@code JavaMailSender},
 * which this service does not use.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ MailSettings.class, MailProperties.class })
class MailConfiguration {

	private static final int SMTP_PORT = 25;

	@Bean
	MailComposer mailComposer(MailSettings settings) {
		return new MailComposer(settings);
	}

	@Bean
	SmtpServer smtpServer(MailProperties mail, MailSettings settings) {
		String host = (mail.getHost() != null) ? mail.getHost() : "localhost";
		int port = (mail.getPort() != null) ? mail.getPort() : SMTP_PORT;
		return new SmtpServer(host, port, mail.getUsername(), mail.getPassword(), settings, mail.getProperties());
	}

	@Bean
	SmtpMailer smtpMailer(SmtpServer server, MailSettings settings, MailComposer composer) {
		return new SmtpMailer(server, settings, composer);
	}

	@Bean
	SmtpHealthIndicator smtpHealthIndicator(SmtpServer server) {
		return new SmtpHealthIndicator(server);
	}

}
