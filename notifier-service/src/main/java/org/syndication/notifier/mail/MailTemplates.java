package org.syndication.notifier.mail;

import java.util.Locale;
import java.util.Map;

import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The templates of the mails, in {@code templates/mail/}, rendered by the application's
 * Thymeleaf engine: each mail has an HTML form ({@code name.html}, found by the engine's
 * own resolver, in HTML mode, which escapes what it inserts) and a text form
 * ({@code name.txt}, found by {@link MailConfiguration#mailTextTemplateResolver}, in TEXT
 * mode, which inserts text as it is). The engine parses each template once and keeps it.
 */
class MailTemplates {

	private static final String DIRECTORY = "mail/";

	private final ITemplateEngine engine;

	MailTemplates(ITemplateEngine engine) {
		this.engine = engine;
	}

	/**
	 * Renders both forms of a template.
	 * @param name the template's name below {@code templates/mail/}, without extension,
	 * e.g. {@code alert}
	 * @param variables what they show
	 * @return the text and the HTML
	 */
	MailBodies render(String name, Map<String, Object> variables) {
		Context context = new Context(Locale.ROOT, variables);
		String text = this.engine.process(DIRECTORY + name + MailConfiguration.TEXT_TEMPLATE_SUFFIX, context);
		String html = this.engine.process(DIRECTORY + name, context);
		return new MailBodies(text, html);
	}

}
