package org.syndication.notifier.mail;

import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Composers as the application makes them: their templates rendered by Boot's
 * auto-configured Thymeleaf engine with the mail configuration's text resolver.
 */
final class Composers {

	/**
	 * One engine for every test, as in the application: it keeps the parsed templates.
	 */
	private static final MailTemplates TEMPLATES = templates();

	private Composers() {
	}

	static MailComposer of(MailSettings settings) {
		return new MailComposer(settings, TEMPLATES);
	}

	private static MailTemplates templates() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.register(ThymeleafAutoConfiguration.class, MailConfiguration.class);
		context.refresh();
		return context.getBean(MailTemplates.class);
	}

}
