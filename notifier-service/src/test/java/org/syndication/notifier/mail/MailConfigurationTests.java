package org.syndication.notifier.mail;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ITemplateResolver;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class MailConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThymeleafAutoConfiguration.class))
		.withUserConfiguration(MailConfiguration.class);

	@Test
	void mailerUsesBootsMailPropertiesAndTheNotifierSettings() {
		this.contextRunner
			.withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=2525", "notifier.mail.connections=2",
					"notifier.mail.read-timeout=3s", "notifier.mail.from=News <news@example.com>")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(SmtpMailer.class).hasSingleBean(MailComposer.class);
				assertThat(context.getBean(SmtpServer.class).location()).isEqualTo("127.0.0.1:2525");
				assertThat(context.getBean("smtpHealthIndicator")).isInstanceOf(HealthIndicator.class);
				MailSettings settings = context.getBean(MailSettings.class);
				assertThat(settings.connections()).isEqualTo(2);
				assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(settings.messagesPerSecond()).isEqualTo(2000);
			});
	}

	@Test
	void mailBodiesComeFromBootsTemplateEngineTheTextOnesInTextMode() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SpringTemplateEngine.class).getTemplateResolvers())
				.contains(context.getBean("mailTextTemplateResolver", ITemplateResolver.class));
			OutgoingMail mail = context.getBean(MailComposer.class)
				.confirmation("reader@example.net", "https://alerts.example.com/confirm/c0nf?a=1&b=2",
						List.of("Cities & Towns"), "confirm.1");
			assertThat(mail.textBody()).contains("Cities & Towns", "https://alerts.example.com/confirm/c0nf?a=1&b=2");
			assertThat(mail.htmlBody()).contains("Cities &amp; Towns",
					"href=\"https://alerts.example.com/confirm/c0nf?a=1&amp;b=2\"");
		});
	}

	@Test
	void mailsAreSignedOnlyWhenDomainSelectorAndKeyAreSet() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----";
		this.contextRunner
			.withPropertyValues("notifier.mail.from=News <news@example.com>", "notifier.mail.dkim.domain=example.com",
					"notifier.mail.dkim.selector=news", "notifier.mail.dkim.private-key=" + pem)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(DkimSigning.class).dnsName()).contains("news._domainkey.example.com");
			});
		this.contextRunner.run((context) -> assertThat(context.getBean(DkimSigning.class).enabled()).isFalse());
		this.contextRunner.withPropertyValues("notifier.mail.dkim.domain=example.com").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("notifier.mail.dkim.selector, notifier.mail.dkim.private-key");
		});
	}

	@Test
	void invalidSettingsStopTheApplication() {
		this.contextRunner.withPropertyValues("notifier.mail.connections=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("connections");
		});
		this.contextRunner.withPropertyValues("notifier.mail.list-id=alerts without brackets")
			.run((context) -> assertThat(context).hasFailed());
	}

}
