package org.syndication.notifier.mail;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The mail beans. The SMTP server comes from Boot's {@code spring.mail.*} properties,
 * bound here as well because Boot only binds them when it makes a {@code JavaMailSender},
 * which this service does not use. The mail bodies come from Boot's Thymeleaf engine: the
 * HTML templates through its own resolver, the text ones through a resolver in TEXT mode
 * added here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ MailSettings.class, DkimSettings.class, MailProperties.class })
class MailConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(MailConfiguration.class);

	/** How the text form of a mail template is named: {@code mail/alert.txt}. */
	static final String TEXT_TEMPLATE_SUFFIX = ".txt";

	private static final int SMTP_PORT = 25;

	/**
	 * The text templates of the mails, {@code templates/mail/*.txt}, in TEXT mode, which
	 * inserts values as they are; read, checked and kept as Boot's own resolver reads the
	 * HTML ones ({@code spring.thymeleaf.*}), and asked first, since only it knows them.
	 */
	@Bean
	SpringResourceTemplateResolver mailTextTemplateResolver(ThymeleafProperties thymeleaf) {
		SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
		resolver.setPrefix(thymeleaf.getPrefix());
		resolver.setResolvablePatterns(Set.of("mail/*" + TEXT_TEMPLATE_SUFFIX));
		resolver.setTemplateMode(TemplateMode.TEXT);
		resolver.setCharacterEncoding(thymeleaf.getEncoding().name());
		resolver.setCacheable(thymeleaf.isCache());
		resolver.setCheckExistence(true);
		resolver.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return resolver;
	}

	@Bean
	MailTemplates mailTemplates(ITemplateEngine templateEngine) {
		return new MailTemplates(templateEngine);
	}

	@Bean
	MailComposer mailComposer(MailSettings settings, MailTemplates templates) {
		return new MailComposer(settings, templates);
	}

	@Bean
	MimeMessages mimeMessages(MailSettings settings) {
		return new MimeMessages(settings);
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
	SmtpMailer smtpMailer(SmtpServer server, MailSettings settings, MimeMessages messages, DkimSigning signing) {
		return new SmtpMailer(server, settings, messages, signing);
	}

	@Bean
	SmtpHealthIndicator smtpHealthIndicator(SmtpServer server) {
		return new SmtpHealthIndicator(server);
	}

}
