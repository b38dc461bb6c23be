package org.syndication.notifier.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A publication whose alerts are to be queued.
 *
 * @param articleId the article
 * @param categories the categories it was published in, lower case: its alerts go to
 * their subscribers, whatever an edit changes meanwhile
 * @param breaking whether digest subscribers are alerted too
 * @param receivedAt when it was recorded
 */
record StartedFanout(UUID articleId, List<String> categories, boolean breaking, Instant receivedAt) {

}
