package org.syndication.notifier.links;

/**
 * What a link is for; a token for one purpose is refused for any other.
 */
public enum LinkPurpose {

	CONFIRM, UNSUBSCRIBE, MANAGE

}
