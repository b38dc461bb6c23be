/**
 * Article events as IPTC ninjs news items, for partners whose ingest systems read ninjs;
 * {@link org.syndication.events.ninjs.NinjsItems} tells what each property is made of.
 */
package org.syndication.events.ninjs;
