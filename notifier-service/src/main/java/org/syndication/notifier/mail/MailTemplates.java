package org.syndication.notifier.mail;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The Thymeleaf templates of the mails, in {@code templates/mail/}: {@code .html} ones in
 * HTML mode, which escapes what it inserts, and {@code .txt} ones in TEXT mode, which
 * inserts text as it is. Each is parsed once and kept, since a fan-out writes the same
 * mail for thousands of subscribers.
 */
final class MailTemplates {

	/**
	 * One engine for every composer: it is thread-safe and holds the parsed templates.
	 */
	static final MailTemplates INSTANCE = new MailTemplates();

	private final SpringTemplateEngine engine;

	private MailTemplates() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
		resolver.setPrefix("templates/mail/");
		resolver.setHtmlTemplateModePatterns(Set.of("*.html"));
		resolver.setTextTemplateModePatterns(Set.of("*.txt"));
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		resolver.setCacheable(true);
		resolver.setCheckExistence(true);
		this.engine = new SpringTemplateEngine();
		this.engine.setEnableSpringELCompiler(true);
		this.engine.setTemplateResolver(resolver);
	}

	/**
	 * Renders a template.
	 * @param name its file name below {@code templates/mail/}, e.g. {@code alert.html}
	 * @param variables what it shows
	 * @return the text
	 */
	String render(String name, Map<String, Object> variables) {
		return this.engine.process(name, new Context(Locale.ROOT, variables));
	}

}
