package org.syndication.localstack;

/**
 * A JVM shutdown hook that kills a child left running, so that a test JVM that ends
 * without stopping its broker leaves no process behind.
 */
final class KillOnExit {

	private final ChildProcess child;

	private final String threadName;

	private final boolean enabled;

	private Thread hook;

	/**
	 * @param enabled whether to register a hook at all: the launcher stops its children
	 * in order itself and must not race one
	 */
	KillOnExit(ChildProcess child, String threadName, boolean enabled) {
		this.child = child;
		this.threadName = threadName;
		this.enabled = enabled;
	}

	synchronized void register() {
		if (this.enabled && this.hook == null) {
			this.hook = new Thread(this.child::kill, this.threadName);
			Runtime.getRuntime().addShutdownHook(this.hook);
		}
	}

	synchronized void remove() {
		if (this.hook != null) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.hook);
			}
			catch (IllegalStateException ex) {
				// The JVM is already shutting down; the hook is running or has run.
			}
			this.hook = null;
		}
	}

}
