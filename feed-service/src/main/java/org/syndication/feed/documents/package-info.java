/**
 * The feeds as documents: rendered bodies (plain and gzip, in memory or spooled to
 * files), their validators, the addresses they are served at, and the caches that keep
 * them, and their archives, current as the catalog changes. Both the feeds' web layer and
 * the WebSub hub read them; this package depends on neither.
 */
package org.syndication.feed.documents;
