package org.syndication.packages.routing;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global store of definitions as the definitions topic has them, raw: a
 * definition is read, and an invalid one passed over, where it is used, so that a store
 * restored from the topic (which skips this processor) holds the same.
 */
final class DefinitionsCopy implements Processor<String, byte[], Void, Void> {

	private KeyValueStore<String, byte[]> store;

	@Override
	public void init(ProcessorContext<Void, Void> context) {
		this.store = context.getStateStore(PackagesTopology.DEFINITIONS_STORE);
	}

	@Override
	public void process(Record<String, byte[]> record) {
		if (record.key() == null) {
			return;
		}
		if (record.value() == null) {
			this.store.delete(record.key());
		}
		else {
			this.store.put(record.key(), record.value());
		}
	}

}
