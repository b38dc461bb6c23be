package org.syndication.localstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the cluster. The brokers deny whatever no ACL allows
 * ({@code allow.everyone.if.no.acl.found=false}); {@code broker} and {@code admin} are
 * super users; everybody else gets exactly this:
 * <ul>
 * <li>publisher-service: create, describe, write and read {@code articles} (read to
 * restore its database from a backup); create, describe, write and read its relay's own
 * topic ({@value #PUBLISHER_RELAY_TOPIC}), and use the relay's transactional id
 * ({@value #PUBLISHER_TRANSACTIONAL_ID});</li>
 * <li>feed-service and notifier-service: read {@code articles}, their own consumer group,
 * create and write their own dead-letter topic;</li>
 * <li>packages-service: read {@code articles}; create and read the packages' definitions
 * ({@value #PACKAGE_DEFINITIONS_TOPIC}); create and write its own dead-letter topic;
 * write every package's topic ({@code articles.pkg.*}, which the administrator creates
 * with the package); its consumer group, its transactional ids and its internal topics
 * (changelogs), all named {@code packages-service...}, as Kafka Streams names them;</li>
 * <li>a partner {@code NAME}: read the topic of each package it holds ({@code articles}
 * for the package {@value Packages#ALL}, {@code articles.pkg.PACKAGE} for the others),
 * and the consumer groups whose id starts with {@code NAME.}. Nothing else.</li>
 * </ul>
 */
public final class KafkaAccess {

	/** The partner-facing topic. */
	public static final String TOPIC = "articles";

	/** Where the publisher's relay records the outbox ids of each transaction. */
	public static final String PUBLISHER_RELAY_TOPIC = "publisher-service.outbox-relayed";

	/** The transactional id of the publisher's relay, one for all its instances. */
	public static final String PUBLISHER_TRANSACTIONAL_ID = "publisher-outbox";

	/** Where the packages' definitions are kept; the packages service reads them. */
	public static final String PACKAGE_DEFINITIONS_TOPIC = "packages.definitions";

	/** What the packages' topics' names start with. */
	public static final String PACKAGE_TOPIC_PREFIX = TOPIC + ".pkg.";

	static final int SCRAM_ITERATIONS = 8192;

	private static final long TIMEOUT_SECONDS = 30;

	private KafkaAccess() {
	}

	/**
	 * @param service feed-service, notifier-service or packages-service
	 * @return the name of its dead-letter topic
	 */
	public static String deadLetterTopic(String service) {
		return TOPIC + "." + service + ".dlq";
	}

	/**
	 * @param service a service's user name, one of {@link KafkaCredentials#PUBLISHER},
	 * {@link KafkaCredentials#FEED}, {@link KafkaCredentials#NOTIFIER} and
	 * {@link KafkaCredentials#PACKAGES}
	 * @return the ACLs of that service
	 */
	static List<AclBinding> serviceAcls(String service) {
		String principal = "User:" + service;
		ResourcePattern articles = literal(ResourceType.TOPIC, TOPIC);
		if (service.equals(KafkaCredentials.PUBLISHER)) {
			ResourcePattern relayed = literal(ResourceType.TOPIC, PUBLISHER_RELAY_TOPIC);
			ResourcePattern transactions = literal(ResourceType.TRANSACTIONAL_ID, PUBLISHER_TRANSACTIONAL_ID);
			return List.of(allow(articles, principal, AclOperation.CREATE),
					allow(articles, principal, AclOperation.DESCRIBE), allow(articles, principal, AclOperation.WRITE),
					// Read to restore a database from a backup
					// (publisher.restore-from-topic).
					allow(articles, principal, AclOperation.READ), allow(relayed, principal, AclOperation.CREATE),
					allow(relayed, principal, AclOperation.DESCRIBE), allow(relayed, principal, AclOperation.WRITE),
					allow(relayed, principal, AclOperation.READ), allow(transactions, principal, AclOperation.DESCRIBE),
					allow(transactions, principal, AclOperation.WRITE));
		}
		if (service.equals(KafkaCredentials.FEED) || service.equals(KafkaCredentials.NOTIFIER)) {
			ResourcePattern deadLetters = literal(ResourceType.TOPIC, deadLetterTopic(service));
			return List.of(allow(articles, principal, AclOperation.READ),
					allow(articles, principal, AclOperation.DESCRIBE),
					allow(literal(ResourceType.GROUP, service), principal, AclOperation.READ),
					allow(deadLetters, principal, AclOperation.CREATE),
					allow(deadLetters, principal, AclOperation.DESCRIBE),
					allow(deadLetters, principal, AclOperation.WRITE));
		}
		if (service.equals(KafkaCredentials.PACKAGES)) {
			ResourcePattern definitions = literal(ResourceType.TOPIC, PACKAGE_DEFINITIONS_TOPIC);
			ResourcePattern deadLetters = literal(ResourceType.TOPIC, deadLetterTopic(service));
			ResourcePattern packages = prefixed(ResourceType.TOPIC, PACKAGE_TOPIC_PREFIX);
			// Kafka Streams names the group, the transactional ids and the internal
			// topics after the application id, packages-service.
			ResourcePattern internal = prefixed(ResourceType.TOPIC, service + "-");
			ResourcePattern transactions = prefixed(ResourceType.TRANSACTIONAL_ID, service);
			return List.of(allow(articles, principal, AclOperation.READ),
					allow(articles, principal, AclOperation.DESCRIBE),
					allow(definitions, principal, AclOperation.CREATE),
					allow(definitions, principal, AclOperation.DESCRIBE),
					allow(definitions, principal, AclOperation.READ),
					allow(deadLetters, principal, AclOperation.CREATE),
					allow(deadLetters, principal, AclOperation.DESCRIBE),
					allow(deadLetters, principal, AclOperation.WRITE),
					allow(packages, principal, AclOperation.DESCRIBE), allow(packages, principal, AclOperation.WRITE),
					allow(literal(ResourceType.GROUP, service), principal, AclOperation.READ),
					allow(transactions, principal, AclOperation.DESCRIBE),
					allow(transactions, principal, AclOperation.WRITE), allow(internal, principal, AclOperation.CREATE),
					allow(internal, principal, AclOperation.DESCRIBE),
					allow(internal, principal, AclOperation.DESCRIBE_CONFIGS),
					allow(internal, principal, AclOperation.READ), allow(internal, principal, AclOperation.WRITE));
		}
		throw new IllegalArgumentException("Not a service: " + service);
	}

	/**
	 * @param partner a valid partner name (see {@link PartnerNames#requireValid})
	 * @return the ACLs of that partner holding the package {@value Packages#ALL}
	 */
	static List<AclBinding> partnerAcls(String partner) {
		return partnerAcls(partner, List.of(Packages.ALL));
	}

	/**
	 * @param partner a valid partner name (see {@link PartnerNames#requireValid})
	 * @param packages the packages it holds
	 * @return the ACLs of that partner: its consumer groups, and reading each package's
	 * topic
	 */
	static List<AclBinding> partnerAcls(String partner, Collection<String> packages) {
		List<AclBinding> acls = new ArrayList<>();
		acls.add(allow(new ResourcePattern(ResourceType.GROUP, Partners.groupPrefix(partner), PatternType.PREFIXED),
				"User:" + partner, AclOperation.READ));
		for (String name : packages) {
			acls.addAll(packageAcls(partner, name));
		}
		return acls;
	}

	/**
	 * @param partner a valid partner name
	 * @param name a package
	 * @return the ACLs that let the partner read the package's topic
	 */
	static List<AclBinding> packageAcls(String partner, String name) {
		ResourcePattern topic = literal(ResourceType.TOPIC, Packages.topic(name));
		return List.of(allow(topic, "User:" + partner, AclOperation.READ),
				allow(topic, "User:" + partner, AclOperation.DESCRIBE));
	}

	/**
	 * Gives every service its user and its ACLs, as {@code credentials} say; what is
	 * there already stays. Run by an administrator on every start of a cluster.
	 * @param admin a client of a super user
	 * @param credentials the services' passwords
	 */
	static void grantServices(Admin admin, KafkaCredentials credentials) {
		List<String> services = List.of(KafkaCredentials.PUBLISHER, KafkaCredentials.FEED, KafkaCredentials.NOTIFIER,
				KafkaCredentials.PACKAGES);
		List<AclBinding> acls = new ArrayList<>();
		List<UserScramCredentialAlteration> users = new ArrayList<>();
		for (String service : services) {
			acls.addAll(serviceAcls(service));
			users.add(upsertion(credentials.user(service)));
		}
		await(admin.createAcls(acls).all(), "create the services' ACLs");
		await(admin.alterUserScramCredentials(users).all(), "create the services' users");
	}

	static UserScramCredentialUpsertion upsertion(KafkaUser user) {
		return new UserScramCredentialUpsertion(user.name(),
				new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), user.password());
	}

	static ResourcePattern literal(ResourceType type, String name) {
		return new ResourcePattern(type, name, PatternType.LITERAL);
	}

	static ResourcePattern prefixed(ResourceType type, String prefix) {
		return new ResourcePattern(type, prefix, PatternType.PREFIXED);
	}

	private static AclBinding allow(ResourcePattern resource, String principal, AclOperation operation) {
		return new AclBinding(resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
	}

	/**
	 * Waits for an Admin call.
	 * @throws KafkaAdminException with what failed, the cause being Kafka's own
	 */
	static <T> T await(Future<T> future, String what) {
		try {
			return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new KafkaAdminException("Could not " + what + ": " + cause.getMessage(), cause);
		}
		catch (TimeoutException ex) {
			throw new KafkaAdminException(
					"Could not " + what + ": Kafka did not answer within " + TIMEOUT_SECONDS + " s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaAdminException("Interrupted while trying to " + what, ex);
		}
	}

	/**
	 * An administrative call to Kafka failed.
	 */
	public static final class KafkaAdminException extends RuntimeException {

		KafkaAdminException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
