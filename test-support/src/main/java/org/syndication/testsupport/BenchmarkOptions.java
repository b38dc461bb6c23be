package org.syndication.testsupport;

/**
 * The options of a benchmark's command line, after its command ({@code args[0]}), read
 * one after another: a wrong one prints what is wrong and the usage, and exits as a
 * command used wrongly does (status 2).
 */
public final class BenchmarkOptions {

	private final String[] args;

	private final String usage;

	private final String wrongValue;

	private int next = 1;

	/**
	 * @param args the command line, the command first
	 * @param usage printed after what is wrong
	 * @param wrongValue the word that introduces a refused value in the benchmark's
	 * messages: {@code not} ("from 1 to 10, not 11") or {@code is} ("from 1 to 10, is
	 * 11")
	 */
	public BenchmarkOptions(String[] args, String usage, String wrongValue) {
		this.args = args;
		this.usage = usage;
		this.wrongValue = wrongValue;
	}

	public boolean hasNext() {
		return this.next < this.args.length;
	}

	/** The next word: an option, or an option's value. */
	public String next() {
		return this.args[this.next++];
	}

	/** The value of the option just read. */
	public String value() {
		if (!hasNext()) {
			fail(this.args[this.next - 1] + " needs a value");
		}
		return next();
	}

	/**
	 * The value of the option just read, a whole number from {@code min} to {@code max}.
	 */
	public int number(int min, int max) {
		String option = this.args[this.next - 1];
		String value = value();
		try {
			int number = Integer.parseInt(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		fail(option + " must be a number from " + min + " to " + max + ", " + this.wrongValue + " " + value);
		return 0;
	}

	/**
	 * The value of {@code --set}: a service property, {@code name=value}, its name as
	 * Spring Boot's canonical form writes it.
	 */
	public String property() {
		String value = value();
		if (!value.matches("[a-z][a-z0-9.\\-\\[\\]]*=.*")) {
			fail("--set takes NAME=VALUE, " + this.wrongValue + " " + value);
		}
		return value;
	}

	/** Prints the message and the usage and exits. */
	public void fail(String message) {
		System.err.println(message);
		usage();
	}

	/** Prints the usage and exits. */
	public void usage() {
		System.err.print(this.usage);
		System.exit(2);
	}

}
