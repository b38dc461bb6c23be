package org.syndication.notifier.mail;

/**
 * The two bodies of a mail, or of a part of one, from a template's two forms.
 *
 * @param text the text/plain form
 * @param html the text/html form
 */
record MailBodies(String text, String html) {

}
