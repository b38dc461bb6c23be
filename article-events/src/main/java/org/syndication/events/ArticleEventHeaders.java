package org.syndication.events;

/**
 * Names and fixed values of the topic and of the CloudEvents 1.0 headers (Kafka protocol
 * binding, binary mode) that every non-tombstone record carries.
 */
public final class ArticleEventHeaders {

	/** The topic the events are published to. */
	public static final String TOPIC = "articles";

	/** CloudEvents spec version header; always {@value #SPEC_VERSION_VALUE}. */
	public static final String SPEC_VERSION = "ce_specversion";

	/** The CloudEvents version the headers follow. */
	public static final String SPEC_VERSION_VALUE = "1.0";

	/** CloudEvents id header; equals the event's {@code eventId}. */
	public static final String ID = "ce_id";

	/** CloudEvents type header; equals the event's {@code type}. */
	public static final String TYPE = "ce_type";

	/** CloudEvents source header; always {@value #SOURCE_VALUE}. */
	public static final String SOURCE = "ce_source";

	/** The source every event names. */
	public static final String SOURCE_VALUE = "/publisher-service";

	/** CloudEvents time header; equals the event's {@code occurredAt}. */
	public static final String TIME = "ce_time";

	/** Content type header of the binary-mode binding. */
	public static final String CONTENT_TYPE = "content-type";

	/**
	 * W3C Trace Context of the change, on records the publisher sent while tracing: the
	 * trace of the editor's request or of the scheduled publication, below the
	 * publisher's send. Optional.
	 */
	public static final String TRACEPARENT = "traceparent";

	/** The content type of every event value. */
	public static final String CONTENT_TYPE_VALUE = "application/json";

	private ArticleEventHeaders() {
	}

}
