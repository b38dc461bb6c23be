/**
 * Article events as IPTC ninjs news items, for partners whose ingest systems read ninjs;
 * {@link org.syndication.packages.ninjs.NinjsItems} tells what each property is made of.
 */
package org.syndication.packages.ninjs;
