package org.syndication.localstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Partners' licensed packages on a running cluster: each is a rule over the article
 * (categories, languages, authors) kept on the compacted topic
 * {@value #DEFINITIONS_TOPIC}, which the packages service reads, and a compacted topic of
 * its own, {@code articles.pkg.<name>}, which it fills and partners granted the package
 * read. The package {@value #ALL} is the {@code articles} topic itself.
 */
public final class Packages {

	/** Where the packages' definitions are kept, by name; a tombstone removes one. */
	public static final String DEFINITIONS_TOPIC = KafkaAccess.PACKAGE_DEFINITIONS_TOPIC;

	/** The package of every article: the {@code articles} topic. */
	public static final String ALL = "all";

	/** The prefix of the packages' topics. */
	public static final String TOPIC_PREFIX = KafkaAccess.PACKAGE_TOPIC_PREFIX;

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

	private static final Set<String> FORMATS = Set.of("events", "ninjs", "ninjs-2.2");

	private final PackageDefinitions definitions;

	private final PackageTopics topics;

	/**
	 * @param admin a client of a super user ({@code admin})
	 * @param producers new producers as the administrator
	 * @param consumers new consumers as the administrator, in no group, reading committed
	 * records
	 */
	public Packages(Admin admin, Supplier<Producer<String, byte[]>> producers,
			Supplier<Consumer<String, byte[]>> consumers) {
		this.definitions = new PackageDefinitions(admin, producers, consumers);
		this.topics = new PackageTopics(admin);
	}

	/**
	 * The packages as an administrator sees them, through new clients of the same
	 * configuration.
	 * @param admin a client of a super user
	 * @param adminConfig its configuration, for the producers and consumers of the
	 * definitions
	 * @return the cluster's packages
	 */
	public static Packages asAdministrator(Admin admin, Map<String, Object> adminConfig) {
		Map<String, Object> producer = ClientConfigs.producer(adminConfig);
		Map<String, Object> consumer = ClientConfigs.readCommittedConsumer(adminConfig);
		return new Packages(admin,
				() -> new KafkaProducer<>(producer, new StringSerializer(), new ByteArraySerializer()),
				() -> new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer()));
	}

	/**
	 * @param name a package's name
	 * @return the topic partitions granted the package read
	 */
	public static String topic(String name) {
		return name.equals(ALL) ? KafkaAccess.TOPIC : TOPIC_PREFIX + name;
	}

	/**
	 * Defines a package: its topic, with the settings of {@code articles} (partitions,
	 * replicas, history, compression), then its definition; or nothing at all if either
	 * fails.
	 * @param definition the package
	 * @throws IllegalArgumentException if the definition is not valid, or the package or
	 * its topic exists
	 */
	public void add(Definition definition) {
		definition.validate();
		if (this.definitions.read().containsKey(definition.name())) {
			throw new IllegalArgumentException(
					"A package named '" + definition.name() + "' exists already; remove it first to define it anew");
		}
		String topic = topic(definition.name());
		NewTopic newTopic = this.topics.likeArticles(topic);
		this.definitions.ensureTopic(newTopic.replicationFactor());
		// The topic before the definition: the packages service writes to the topic as
		// soon as it reads the definition.
		this.topics.create(newTopic);
		try {
			this.definitions.put(definition);
		}
		catch (RuntimeException ex) {
			try {
				this.topics.delete(topic);
			}
			catch (RuntimeException rollback) {
				ex.addSuppressed(rollback);
			}
			throw ex;
		}
	}

	/**
	 * Gives a package another rule or format: the packages service fills its topic again
	 * from the back-catalogue; the partners holding it keep it.
	 * @param definition the package's new definition, whole
	 * @throws IllegalArgumentException if the definition is not valid or there is no such
	 * package
	 */
	public void change(Definition definition) {
		definition.validate();
		if (!this.definitions.read().containsKey(definition.name())) {
			throw new IllegalArgumentException("There is no package named '" + definition.name() + "' to change");
		}
		this.definitions.put(definition);
	}

	/**
	 * @return every package defined, by name; {@value #ALL} is always there
	 */
	public Map<String, Definition> list() {
		Map<String, Definition> packages = new TreeMap<>(this.definitions.read());
		packages.put(ALL, new Definition(ALL, List.of(), List.of(), List.of(), "events"));
		return packages;
	}

	/**
	 * @param name a package's name
	 * @return whether it is defined ({@value #ALL} always is)
	 */
	public boolean exists(String name) {
		return name.equals(ALL) || this.definitions.read().containsKey(name);
	}

	/**
	 * Removes a package: partners lose the right to read it at once, then its definition
	 * and its topic go.
	 * @param name the package's name
	 * @throws IllegalArgumentException if there is no such package, or it is
	 * {@value #ALL}
	 */
	public void remove(String name) {
		if (name.equals(ALL)) {
			throw new IllegalArgumentException(
					"The package '" + ALL + "' is the topic '" + KafkaAccess.TOPIC + "' itself and cannot be removed");
		}
		if (!this.definitions.read().containsKey(name)) {
			throw new IllegalArgumentException("There is no package named '" + name + "'");
		}
		String topic = topic(name);
		this.topics.deleteAcls(topic);
		this.definitions.remove(name);
		this.topics.deleteIfExists(topic);
	}

	/**
	 * A package: the articles it holds are those in any of its categories, in any of its
	 * languages and by any of its authors; a kind left empty does not restrict.
	 *
	 * @param name its name, also the end of its topic's
	 * @param categories categories, as articles name them
	 * @param languages languages, as BCP 47 tags ({@code zh}, {@code en-GB})
	 * @param authors authors' names
	 * @param format how partners get the articles: {@code events}, the event contract of
	 * {@code articles}; {@code ninjs}, IPTC ninjs 3.1 items; {@code ninjs-2.2}
	 */
	public record Definition(String name, List<String> categories, List<String> languages, List<String> authors,
			String format) {

		public Definition {
			categories = clean(categories);
			languages = clean(languages);
			authors = clean(authors);
			format = (format != null) ? format.toLowerCase(Locale.ROOT) : "events";
		}

		/**
		 * @throws IllegalArgumentException with what is wrong
		 */
		void validate() {
			if (this.name == null || !NAME.matcher(this.name).matches()) {
				throw new IllegalArgumentException("'" + this.name + "' is not a valid package name: use 1 to 64 "
						+ "lowercase letters, digits, '-' or '_', starting with a letter or digit");
			}
			if (this.name.equals(ALL)) {
				throw new IllegalArgumentException("'" + ALL + "' is the package of every article, the topic '"
						+ KafkaAccess.TOPIC + "'; it needs no definition");
			}
			if (this.categories.isEmpty() && this.languages.isEmpty() && this.authors.isEmpty()) {
				throw new IllegalArgumentException("Package '" + this.name + "' names no category, language or "
						+ "author: a package needs a rule (give --categories, --languages or --authors)");
			}
			if (!FORMATS.contains(this.format)) {
				throw new IllegalArgumentException(
						"'" + this.format + "' is not a package format: use events, ninjs or ninjs-2.2");
			}
		}

		/**
		 * @param values the values, any of them null or blank
		 * @return them stripped, without blanks and repeats
		 */
		static List<String> clean(Collection<String> values) {
			List<String> clean = new ArrayList<>();
			if (values != null) {
				for (String value : values) {
					String stripped = (value != null) ? value.strip() : "";
					if (!stripped.isEmpty() && !clean.contains(stripped)) {
						clean.add(stripped);
					}
				}
			}
			return List.copyOf(clean);
		}

	}

}
