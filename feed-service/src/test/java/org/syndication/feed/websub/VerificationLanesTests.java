package org.syndication.feed.websub;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class VerificationLanesTests {

	private final ExecutorService pool = Executors.newFixedThreadPool(4);

	private final VerificationLanes lanes = new VerificationLanes(this.pool, 2, 1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<String> started = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.release.countDown();
		this.pool.shutdownNow();
	}

	@Test
	void aHostRunsAFewAtOnceQueuesAFewMoreAndRefusesTheRest() {
		this.lanes.execute("slow.example", blocking("slow 1"));
		this.lanes.execute("slow.example", blocking("slow 2"));
		this.lanes.execute("slow.example", blocking("slow 3"));
		assertThatExceptionOfType(RejectedExecutionException.class)
			.isThrownBy(() -> this.lanes.execute("slow.example", blocking("slow 4")))
			.withMessageContaining("slow.example");
		this.lanes.execute("other.example", blocking("other"));

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.started).containsExactlyInAnyOrder("slow 1", "slow 2", "other"));
		assertThat(this.lanes.pending("slow.example")).isEqualTo(3);

		this.release.countDown();

		await().atMost(Duration.ofSeconds(5)).until(() -> this.started.contains("slow 3"));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.lanes.pending("slow.example") == 0 && this.lanes.pending("other.example") == 0);
		this.lanes.execute("slow.example", blocking("slow 5"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.started.contains("slow 5"));
	}

	private Runnable blocking(String name) {
		return () -> {
			this.started.add(name);
			try {
				this.release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};
	}

}
