package org.syndication.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Many clients at once: calls spread over a fixed number of threads.
 */
final class Concurrently {

	private Concurrently() {
	}

	/**
	 * Makes {@code count} calls on {@code clients} threads.
	 * @return the results, by index
	 */
	static <T> List<T> call(int clients, int count, IntFunction<T> call) {
		ExecutorService executor = Executors.newFixedThreadPool(clients);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				futures.add(executor.submit(() -> call.apply(index)));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return List.copyOf(results);
		}
		catch (ExecutionException ex) {
			throw new AssertionError("A client failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			executor.shutdownNow();
		}
	}

	static <T> void forEach(int clients, List<T> items, java.util.function.Consumer<T> action) {
		call(clients, items.size(), (i) -> {
			action.accept(items.get(i));
			return Boolean.TRUE;
		});
	}

}
