package org.syndication.packages.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.packages.definition.PackageDefinition;
import org.syndication.packages.definition.PackageDefinitions;
import org.syndication.packages.definition.PackageFormat;
import tools.jackson.databind.json.JsonMapper;

/**
 * The topology in a test driver, with the publisher's records on the articles topic and
 * an operator's on the definitions topic.
 */
final class PackagesDriver implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path stateDirectory;

	private final TopologyTestDriver driver;

	private final TestInputTopic<String, byte[]> articles;

	private final TestInputTopic<String, byte[]> definitions;

	PackagesDriver() {
		this(PackagesTopology.FILL_BATCH_SIZE);
	}

	/**
	 * A driver whose tasks fill packages a number of articles at a time.
	 * @param fillBatchSize how many articles
	 */
	PackagesDriver(int fillBatchSize) {
		this.stateDirectory = temporaryDirectory();
		this.driver = new TopologyTestDriver(PackagesTopology.topology(PackagesTopology.FILL_INTERVAL, fillBatchSize),
				settings(this.stateDirectory));
		this.articles = this.driver.createInputTopic(ArticleEventHeaders.TOPIC, new StringSerializer(),
				new ByteArraySerializer());
		this.definitions = this.driver.createInputTopic(PackageDefinitions.TOPIC, new StringSerializer(),
				new ByteArraySerializer());
	}

	private static Properties settings(Path stateDirectory) {
		Properties settings = PackagesStreamsConfig.properties("unused:9092");
		settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
		return settings;
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("packages-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static PackageDefinition categories(String name, String... categories) {
		return new PackageDefinition(name, Set.of(categories), Set.of(), Set.of(), PackageFormat.EVENTS);
	}

	/** Defines a package, and lets the tasks apply it. */
	PackagesDriver define(PackageDefinition definition) {
		return write(definition).fill();
	}

	/** Writes a definition on its topic, and lets no wall-clock time pass. */
	PackagesDriver write(PackageDefinition definition) {
		this.definitions.pipeInput(definition.name(), PackageDefinitions.write(definition));
		return this;
	}

	/** Puts a raw value on the definitions topic, and lets the tasks look at it. */
	PackagesDriver define(String name, String json) {
		this.definitions.pipeInput(name, json.getBytes(StandardCharsets.UTF_8));
		return fill();
	}

	/** Removes a package, and lets the tasks forget it. */
	PackagesDriver remove(String name) {
		this.definitions.pipeInput(name, null);
		return fill();
	}

	/** Lets the wall-clock punctuation of each task run. */
	PackagesDriver fill() {
		this.driver.advanceWallClockTime(PackagesTopology.FILL_INTERVAL.plusMillis(1));
		return this;
	}

	/** Publishes an event as the publisher does: JSON value and CloudEvents headers. */
	byte[] publish(ArticleEvent event) {
		byte[] value = JSON.writeValueAsBytes(event);
		this.articles.pipeInput(new TestRecord<>(event.article().id().toString(), value, cloudEvent(event)));
		return value;
	}

	void tombstone(ArticleEvent event) {
		this.articles.pipeInput(event.article().id().toString(), null);
	}

	void publishRaw(String key, byte[] value, Headers headers) {
		this.articles.pipeInput(new TestRecord<>(key, value, headers));
	}

	/** Reads what a package's topic got since the last read. */
	List<TestRecord<String, byte[]>> records(String packageName) {
		return topic(PackageTopics.of(packageName));
	}

	List<TestRecord<String, byte[]>> deadLetters() {
		return topic(PackageTopics.DEAD_LETTER_TOPIC);
	}

	/** The packages' topics written to so far, and the dead-letter topic if it was. */
	Set<String> outputTopics() {
		Set<String> topics = new TreeSet<>(this.driver.producedTopicNames());
		topics.removeIf(
				(topic) -> !topic.startsWith(PackageTopics.PREFIX) && !topic.equals(PackageTopics.DEAD_LETTER_TOPIC));
		return topics;
	}

	private List<TestRecord<String, byte[]>> topic(String topic) {
		return this.driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer())
			.readRecordsToList();
	}

	static Headers cloudEvent(ArticleEvent event) {
		Headers headers = new RecordHeaders();
		headers.add(ArticleEventHeaders.SPEC_VERSION, utf8(ArticleEventHeaders.SPEC_VERSION_VALUE));
		headers.add(ArticleEventHeaders.ID, utf8(event.eventId().toString()));
		headers.add(ArticleEventHeaders.TYPE, utf8(event.type().value()));
		headers.add(ArticleEventHeaders.SOURCE, utf8(ArticleEventHeaders.SOURCE_VALUE));
		headers.add(ArticleEventHeaders.TIME, utf8(event.occurredAt().toString()));
		headers.add(ArticleEventHeaders.CONTENT_TYPE, utf8(ArticleEventHeaders.CONTENT_TYPE_VALUE));
		return headers;
	}

	static String header(TestRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.driver.close();
		try (Stream<Path> paths = Files.walk(this.stateDirectory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
