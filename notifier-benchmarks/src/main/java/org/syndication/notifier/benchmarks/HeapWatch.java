package org.syndication.notifier.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The heap used during one phase of a benchmark, from a garbage collection at its start:
 * sampled on a daemon thread, and after every collection in the phase. A sample counts
 * garbage not yet collected, so its peak depends on how much room the collector is given;
 * the peak after a collection is nearer to what the phase keeps alive.
 */
final class HeapWatch implements AutoCloseable {

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter((pool) -> pool.getType() == MemoryType.HEAP)
		.map(MemoryPoolMXBean::getName)
		.collect(Collectors.toSet());

	private final long baseline;

	private final AtomicLong peak = new AtomicLong();

	private final AtomicLong peakAfterGc = new AtomicLong();

	private final AtomicInteger collections = new AtomicInteger();

	private final List<NotificationEmitter> emitters = new ArrayList<>();

	private final NotificationListener listener = this::collected;

	private final Thread sampler;

	private volatile boolean running = true;

	private HeapWatch(Duration interval) {
		System.gc();
		this.baseline = used();
		this.peak.set(this.baseline);
		this.peakAfterGc.set(this.baseline);
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(this.listener, null, null);
				this.emitters.add(emitter);
			}
		}
		this.sampler = new Thread(() -> {
			while (this.running) {
				this.peak.accumulateAndGet(used(), Math::max);
				try {
					Thread.sleep(interval.toMillis());
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "heap-watch");
		this.sampler.setDaemon(true);
		this.sampler.start();
	}

	/** Collects garbage, then watches the heap until {@link #stop()}. */
	static HeapWatch start(Duration interval) {
		return new HeapWatch(interval);
	}

	/** Stops watching. */
	Peak stop() {
		close();
		this.peak.accumulateAndGet(used(), Math::max);
		return new Peak(this.baseline, this.peak.get(), this.peakAfterGc.get(), this.collections.get(),
				MEMORY.getHeapMemoryUsage().getMax());
	}

	@Override
	public void close() {
		this.running = false;
		this.sampler.interrupt();
		for (NotificationEmitter emitter : this.emitters) {
			try {
				emitter.removeNotificationListener(this.listener);
			}
			catch (ListenerNotFoundException ex) {
				// removed already
			}
		}
		this.emitters.clear();
	}

	private void collected(Notification notification, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			return;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
			.from((CompositeData) notification.getUserData());
		long after = info.getGcInfo()
			.getMemoryUsageAfterGc()
			.entrySet()
			.stream()
			.filter((pool) -> this.heapPools.contains(pool.getKey()))
			.mapToLong((pool) -> pool.getValue().getUsed())
			.sum();
		this.peakAfterGc.accumulateAndGet(after, Math::max);
		this.collections.incrementAndGet();
	}

	private static long used() {
		MemoryUsage heap = MEMORY.getHeapMemoryUsage();
		return heap.getUsed();
	}

	/**
	 * What the heap held.
	 *
	 * @param baselineBytes used after the collection at the start
	 * @param peakBytes the most used in any sample
	 * @param peakAfterGcBytes the most used right after a collection in the phase (the
	 * baseline if there was none)
	 * @param collections collections in the phase
	 * @param maxBytes the largest the heap may grow
	 */
	record Peak(long baselineBytes, long peakBytes, long peakAfterGcBytes, int collections, long maxBytes) {

	}

}
