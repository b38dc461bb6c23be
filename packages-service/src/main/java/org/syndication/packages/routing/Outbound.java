package org.syndication.packages.routing;

/**
 * A record on its way out of the topology, and the topic it goes to.
 *
 * @param topic the topic
 * @param value the value as written, or {@code null} for a tombstone
 */
record Outbound(String topic, byte[] value) {

}
