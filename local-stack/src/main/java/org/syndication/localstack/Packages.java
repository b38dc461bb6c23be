package org.syndication.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Partners' licensed packages on a running cluster: each is a rule over the article
 * (categories, languages, authors) kept on the compacted topic
 * {@value #DEFINITIONS_TOPIC}, which the packages service reads, and a compacted topic of
 * its own, {@code articles.pkg.<name>}, which it fills and partners granted the package
 * read. The package {@value #ALL} is the {@code articles} topic itself.
 */
public final class Packages {

	/** Where the packages' definitions are kept, by name; a tombstone removes one. */
	public static final String DEFINITIONS_TOPIC = "packages.definitions";

	/** The package of every article: the {@code articles} topic. */
	public static final String ALL = "all";

	/** The prefix of the packages' topics. */
	public static final String TOPIC_PREFIX = KafkaAccess.TOPIC + ".pkg.";

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

	private static final Set<String> FORMATS = Set.of("events", "ninjs", "ninjs-2.2");

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Admin admin;

	private final Supplier<Producer<String, byte[]>> producers;

	private final Supplier<Consumer<String, byte[]>> consumers;

	/**
	 * @param admin a client of a super user ({@code admin})
	 * @param producers new producers as the administrator
	 * @param consumers new consumers as the administrator, in no group, reading committed
	 * records
	 */
	public Packages(Admin admin, Supplier<Producer<String, byte[]>> producers,
			Supplier<Consumer<String, byte[]>> consumers) {
		this.admin = admin;
		this.producers = producers;
		this.consumers = consumers;
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
		Map<String, Object> clients = new LinkedHashMap<>(adminConfig);
		clients.remove(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
		Map<String, Object> producer = new LinkedHashMap<>(clients);
		producer.put(ProducerConfig.ACKS_CONFIG, "all");
		Map<String, Object> consumer = new LinkedHashMap<>(clients);
		consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
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
		if (definitions().containsKey(definition.name())) {
			throw new IllegalArgumentException(
					"A package named '" + definition.name() + "' exists already; remove it first to define it anew");
		}
		String topic = topic(definition.name());
		Set<String> topics = KafkaAccess.await(this.admin.listTopics().names(), "list the topics");
		if (topics.contains(topic)) {
			throw new IllegalArgumentException("A topic named '" + topic + "' exists already, without a package "
					+ "definition; delete it, or choose another name");
		}
		if (!topics.contains(KafkaAccess.TOPIC)) {
			throw new IllegalStateException("The topic '" + KafkaAccess.TOPIC
					+ "' does not exist yet: start the publisher once, which creates it");
		}
		NewTopic newTopic = likeArticles(topic);
		ensureDefinitionsTopic(newTopic.replicationFactor());
		// The topic before the definition: the packages service writes to the topic as
		// soon as it reads the definition.
		KafkaAccess.await(this.admin.createTopics(List.of(newTopic)).all(), "create the topic " + topic);
		try {
			write(definition.name(), JSON.writeValueAsBytes(definition));
		}
		catch (RuntimeException ex) {
			try {
				KafkaAccess.await(this.admin.deleteTopics(List.of(topic)).all(), "delete the topic " + topic);
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
		if (!definitions().containsKey(definition.name())) {
			throw new IllegalArgumentException("There is no package named '" + definition.name() + "' to change");
		}
		write(definition.name(), JSON.writeValueAsBytes(definition));
	}

	/**
	 * @return every package defined, by name; {@value #ALL} is always there
	 */
	public Map<String, Definition> list() {
		Map<String, Definition> packages = new TreeMap<>(definitions());
		packages.put(ALL, new Definition(ALL, List.of(), List.of(), List.of(), "events"));
		return packages;
	}

	/**
	 * @param name a package's name
	 * @return whether it is defined ({@value #ALL} always is)
	 */
	public boolean exists(String name) {
		return name.equals(ALL) || definitions().containsKey(name);
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
		if (!definitions().containsKey(name)) {
			throw new IllegalArgumentException("There is no package named '" + name + "'");
		}
		String topic = topic(name);
		AclBindingFilter readers = new AclBindingFilter(
				new ResourcePatternFilter(ResourceType.TOPIC, topic, PatternType.LITERAL),
				new AccessControlEntryFilter(null, null, AclOperation.ANY, AclPermissionType.ANY));
		KafkaAccess.await(this.admin.deleteAcls(List.of(readers)).all(), "delete the ACLs of the topic " + topic);
		write(name, null);
		try {
			KafkaAccess.await(this.admin.deleteTopics(List.of(topic)).all(), "delete the topic " + topic);
		}
		catch (KafkaAccess.KafkaAdminException ex) {
			if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
				throw ex;
			}
		}
	}

	private NewTopic likeArticles(String topic) {
		TopicDescription articles = KafkaAccess
			.await(this.admin.describeTopics(List.of(KafkaAccess.TOPIC)).allTopicNames(), "describe the articles topic")
			.get(KafkaAccess.TOPIC);
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, KafkaAccess.TOPIC);
		Config config = KafkaAccess
			.await(this.admin.describeConfigs(List.of(resource)).all(), "describe the articles topic")
			.get(resource);
		Map<String, String> configs = new TreeMap<>();
		for (String name : List.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG,
				TopicConfig.DELETE_RETENTION_MS_CONFIG, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)) {
			ConfigEntry entry = config.get(name);
			if (entry != null && entry.value() != null
					&& entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
				configs.put(name, entry.value());
			}
		}
		configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
		// Partners read these batches as written: gzip, which every client reads.
		configs.put(TopicConfig.COMPRESSION_TYPE_CONFIG, "gzip");
		return new NewTopic(topic, articles.partitions().size(), (short) articles.partitions().get(0).replicas().size())
			.configs(configs);
	}

	private void ensureDefinitionsTopic(short replicas) {
		Set<String> topics = KafkaAccess.await(this.admin.listTopics().names(), "list the topics");
		if (!topics.contains(DEFINITIONS_TOPIC)) {
			KafkaAccess.await(
					this.admin
						.createTopics(List.of(new NewTopic(DEFINITIONS_TOPIC, 1, replicas)
							.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
						.all(),
					"create the topic " + DEFINITIONS_TOPIC);
		}
	}

	private void write(String name, byte[] value) {
		try (Producer<String, byte[]> producer = this.producers.get()) {
			KafkaAccess.await(producer.send(new ProducerRecord<>(DEFINITIONS_TOPIC, name, value)),
					"write the definition of package " + name);
		}
	}

	/** The definitions on the topic, the latest of each name, without the removed. */
	private Map<String, Definition> definitions() {
		Set<String> topics = KafkaAccess.await(this.admin.listTopics().names(), "list the topics");
		Map<String, Definition> definitions = new TreeMap<>();
		if (!topics.contains(DEFINITIONS_TOPIC)) {
			return definitions;
		}
		TopicPartition partition = new TopicPartition(DEFINITIONS_TOPIC, 0);
		try (Consumer<String, byte[]> consumer = this.consumers.get()) {
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
			while (consumer.position(partition) < end) {
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException("Could not read " + DEFINITIONS_TOPIC + " within " + READ_TIMEOUT);
				}
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.value() == null) {
						definitions.remove(record.key());
					}
					else {
						definitions.put(record.key(), JSON.readValue(record.value(), Definition.class));
					}
				}
			}
		}
		return definitions;
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

		private static List<String> clean(Collection<String> values) {
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
