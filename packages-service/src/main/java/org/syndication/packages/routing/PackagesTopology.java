package org.syndication.packages.routing;

import java.time.Duration;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.packages.definition.PackageDefinitions;

/**
 * The topology that keeps one compacted topic per package, {@code articles.pkg.<name>},
 * holding the current articles its rule takes in and every change to them since, with the
 * keys and tombstones of the articles topic.
 * <p>
 * It reads:
 * <ul>
 * <li>{@value ArticleEventHeaders#TOPIC}, into the router, one task per partition;</li>
 * <li>{@value PackageDefinitions#TOPIC}, into the global store
 * {@value #DEFINITIONS_STORE}, which every instance holds whole.</li>
 * </ul>
 * Each task keeps, changelogged: the latest event of each article of its partition
 * ({@value #ARTICLES_STORE}, the back-catalogue a new package is filled from, as complete
 * as the compacted articles topic), the packages that hold each article
 * ({@value #MEMBERSHIPS_STORE}, where a tombstone goes), and the definitions it routes by
 * ({@value #APPLIED_STORE}, with how far the filling of each new or changed one has
 * come). Every few hundred milliseconds of wall-clock time the task compares those with
 * the global store, routes by a new or changed definition from then on, and fills its
 * package from the partition a batch of articles at a time, inside the task's transaction
 * like any other write.
 * <p>
 * It writes each record to the topic it names: the packages' topics, and
 * {@value PackageTopics#DEAD_LETTER_TOPIC} for a record of the articles topic whose value
 * cannot be read, or whose event makes no ninjs item for a package in ninjs. Kafka
 * Streams creates no topic it writes to by name, so the caller creates the dead-letter
 * topic, and each package's topic before the package is defined
 * ({@link PackageTopics#packageTopicConfig()}); the definitions topic is compacted and
 * the caller's too. The stores' changelogs Kafka Streams creates.
 */
public final class PackagesTopology {

	/** The global store of the definitions topic's records. */
	public static final String DEFINITIONS_STORE = "packages-definitions";

	/** Per task, the latest event of each article. */
	public static final String ARTICLES_STORE = "packages-articles";

	/** Per task, the packages holding each article. */
	public static final String MEMBERSHIPS_STORE = "packages-memberships";

	/** Per task, the definitions it routes by. */
	public static final String APPLIED_STORE = "packages-applied";

	/** How often, by default, a task looks for new, changed and removed packages. */
	public static final Duration FILL_INTERVAL = Duration.ofMillis(200);

	/** How many articles, by default, a task looks at each time it fills packages. */
	public static final int FILL_BATCH_SIZE = 2_000;

	private static final String ARTICLES_SOURCE = "articles";

	private static final String ROUTER = "router";

	private PackagesTopology() {
	}

	/**
	 * The topology, looking for changed packages every {@link #FILL_INTERVAL} and filling
	 * them {@link #FILL_BATCH_SIZE} articles at a time.
	 * @return a new topology
	 */
	public static Topology topology() {
		return topology(FILL_INTERVAL, FILL_BATCH_SIZE);
	}

	/**
	 * The topology.
	 * @param fillInterval how often, in wall-clock time, each task looks for new, changed
	 * and removed packages
	 * @param fillBatchSize how many articles of its partition a task looks at each time
	 * it fills new and changed packages; each time is part of a transaction, which must
	 * commit within the producer's {@code transaction.timeout.ms}
	 * @return a new topology
	 */
	public static Topology topology(Duration fillInterval, int fillBatchSize) {
		if (fillBatchSize < 1) {
			throw new IllegalArgumentException("A fill looks at one article or more at a time, not " + fillBatchSize);
		}
		Serde<String> keys = Serdes.String();
		Serde<byte[]> values = Serdes.ByteArray();
		Serializer<Outbound> outbound = (topic, record) -> (record != null) ? record.value() : null;
		Topology topology = new Topology();
		topology.addGlobalStore(
				Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEFINITIONS_STORE), keys, values)
					.withLoggingDisabled(),
				"definitions", keys.deserializer(), values.deserializer(), PackageDefinitions.TOPIC, "definitions-copy",
				DefinitionsCopy::new);
		topology.addSource(ARTICLES_SOURCE, keys.deserializer(), values.deserializer(), ArticleEventHeaders.TOPIC);
		topology.addProcessor(ROUTER, () -> new ArticleRouter(fillInterval, fillBatchSize), ARTICLES_SOURCE);
		topology.addStateStore(
				Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ARTICLES_STORE), keys, StoredEvent.serde()),
				ROUTER);
		topology.addStateStore(
				Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MEMBERSHIPS_STORE), keys, Serdes.String()),
				ROUTER);
		topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(APPLIED_STORE), keys, values),
				ROUTER);
		topology.addSink("outbound", (key, record, context) -> record.topic(), keys.serializer(), outbound, ROUTER);
		return topology;
	}

}
