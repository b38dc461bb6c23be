package org.syndication.notifier.delivery;

import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.links.SubscriptionLinks;
import org.syndication.notifier.mail.ArticleContent;
import org.syndication.notifier.mail.MailComposer;
import org.syndication.notifier.mail.OutgoingMail;
import org.syndication.notifier.mail.ReturnPaths;

import org.springframework.stereotype.Component;

/**
 * Writes the mail a queued delivery stands for, with the subscriber's own signed links
 * and a Message-ID made from the delivery, so that a mail sent again is recognisably the
 * same mail.
 */
@Component
class OutgoingMails {

	private final MailComposer composer;

	private final SubscriptionLinks links;

	private final DeliveryRepository repository;

	private final String publication;

	private final ReturnPaths returnPaths;

	OutgoingMails(MailComposer composer, SubscriptionLinks links, DeliveryRepository repository,
			NotifierProperties properties, ReturnPaths returnPaths) {
		this.composer = composer;
		this.links = links;
		this.repository = repository;
		this.publication = properties.publicationName();
		this.returnPaths = returnPaths;
	}

	OutgoingMail of(DueMail mail) {
		return composed(mail).withReturnPath(this.returnPaths.of(mail.id()).orElse(null));
	}

	private OutgoingMail composed(DueMail mail) {
		return switch (mail.kind()) {
			case ALERT -> this.composer.alert(content(mail.article()), mail.email(),
					this.links.unsubscribeUrl(mail.subscriberId(), mail.generation()),
					this.links.manageUrl(mail.subscriberId(), mail.generation(), mail.createdAt()),
					"alert." + mail.articleId() + "." + mail.subscriberId());
			case CONFIRMATION -> this.composer.confirmation(mail.email(),
					this.links.confirmUrl(mail.subscriberId(), mail.generation(), mail.requestedAt()),
					this.repository.categories(mail.subscriberId()),
					this.repository.frequency(mail.subscriberId()).value(),
					"confirm." + mail.subscriberId() + "." + mail.id());
			case DIGEST -> this.composer.digest(this.publication, mail.digestFrequency().value(),
					mail.digest().stream().map(OutgoingMails::content).toList(), mail.email(),
					this.links.unsubscribeUrl(mail.subscriberId(), mail.generation()),
					this.links.manageUrl(mail.subscriberId(), mail.generation(), mail.createdAt()),
					"digest." + mail.subscriberId() + "." + mail.periodKey());
		};
	}

	private static ArticleContent content(DueMail.Article article) {
		return new ArticleContent(article.title(), article.summary(), article.contentHtml(), article.url(),
				article.language(), article.image());
	}

}
