package org.syndication.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command lines of a Kafka node's JVMs: the broker itself and the one-shot storage
 * formatting before its very first start.
 */
final class KafkaCommands {

	private KafkaCommands() {
	}

	/**
	 * @param node the node
	 * @return the command that runs its broker
	 */
	static List<String> broker(KafkaNodeConfig node) {
		List<String> command = java(node, node.maxHeap());
		command.add("kafka.Kafka");
		command.add(node.serverProperties().toString());
		return command;
	}

	/**
	 * Formats the node's storage unless it is formatted already.
	 * @param node the node, its configuration written
	 * @param outputFile where the tool's output goes: the broker's
	 * @return whether it formatted the storage now
	 * @throws IllegalStateException if formatting fails
	 */
	static boolean formatStorageIfNew(KafkaNodeConfig node, Path outputFile) {
		if (node.isFormatted()) {
			return false;
		}
		List<String> command = java(node, "-Xmx256m");
		command.addAll(List.of("kafka.tools.StorageTool", "format", "--config", node.serverProperties().toString()));
		command.addAll(node.quorum().formatArguments());
		// The brokers and the administrator exist from the start: the brokers need their
		// user to reach each other, and only an authenticated administrator can add
		// users.
		for (KafkaUser user : List.of(node.credentials().broker(), node.credentials().admin())) {
			command.add("--add-scram");
			command.add(KafkaUser.MECHANISM + "=[name=" + user.name() + ",password=" + user.password() + ",iterations="
					+ KafkaAccess.SCRAM_ITERATIONS + "]");
		}
		ChildProcess format = new ChildProcess("kafka-storage-format", command, Map.of(), node.directory(), outputFile);
		int exitCode = format.runToCompletion(Duration.ofSeconds(60));
		if (exitCode != 0) {
			throw new IllegalStateException("Formatting the Kafka storage in " + node.logDir()
					+ " failed with exit code " + exitCode + ":" + System.lineSeparator() + format.tail(20));
		}
		return true;
	}

	private static List<String> java(KafkaNodeConfig node, String maxHeap) {
		List<String> command = new ArrayList<>();
		command.add(Jvm.javaExecutable());
		command.add(maxHeap);
		// C1 only: the broker starts in about half the time on a small machine, and a
		// development broker never needs peak throughput.
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Djava.awt.headless=true");
		// Whatever logging backend the classpath brings (log4j2 here, Logback in a Spring
		// Boot test), it gets a quiet configuration instead of its DEBUG default.
		command.add("-Dlog4j2.configurationFile=" + node.directory().resolve("log4j2.xml"));
		command.add("-Dlogback.configurationFile=" + node.directory().resolve("logback.xml"));
		// Kafka logs its own shutdown from its shutdown hook; log4j's hook must not close
		// the logging first.
		command.add("-Dlog4j2.shutdownHookEnabled=false");
		command.add("-cp");
		command.add(Jvm.classpath(KafkaCommands::belongsOnBrokerClasspath));
		return command;
	}

	private static boolean belongsOnBrokerClasspath(Path entry) {
		// GreenMail's uber jar bundles its own log4j, SLF4J and Jackson; log4j-to-slf4j
		// would take log4j calls away from the log4j-core that Kafka configures itself.
		return !Jvm.jarNamed(entry, "greenmail-standalone") && !Jvm.jarNamed(entry, "log4j-to-slf4j");
	}

}
