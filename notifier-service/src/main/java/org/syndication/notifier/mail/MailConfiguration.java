package org.syndication.notifier.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
@EnableConfigurationProperties({ MailSettings.class, DkimSettings.class, MailProperties.class })
class MailConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(MailConfiguration.class);

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
	DkimSigning dkimSigning(DkimSettings dkim, MailSettings settings) {
		DkimSigning signing = DkimSigning.of(dkim, settings.fromDomain());
		if (signing.enabled()) {
			logger.info("Signing every mail with {}; the public key to publish: {} TXT \"{}\"", signing,
					signing.dnsName().orElseThrow(), signing.dnsRecord().orElseThrow());
		}
		else {
			logger.info("DKIM signing is off: set notifier.mail.dkim.domain, selector and private-key to sign");
		}
		return signing;
	}

	@Bean
	SmtpMailer smtpMailer(SmtpServer server, MailSettings settings, MailComposer composer, DkimSigning signing) {
		return new SmtpMailer(server, settings, composer, signing);
	}

	@Bean
	SmtpHealthIndicator smtpHealthIndicator(SmtpServer server) {
		return new SmtpHealthIndicator(server);
	}

}
