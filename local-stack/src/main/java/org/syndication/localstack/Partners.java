package org.syndication.localstack;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

/**
 * Partners on a running cluster, through Kafka's Admin API: each is a SCRAM-SHA-512 user
 * with the partner's ACLs (see {@link KafkaAccess}), added, listed and revoked without a
 * restart.
 */
public final class Partners {

	private final Admin admin;

	private final Predicate<String> packageExists;

	/**
	 * Partners that may hold the package {@value Packages#ALL} only.
	 * @param admin a client of a super user ({@code admin})
	 */
	public Partners(Admin admin) {
		this(admin, Packages.ALL::equals);
	}

	/**
	 * @param admin a client of a super user ({@code admin})
	 * @param packageExists whether a package is defined
	 */
	public Partners(Admin admin, Predicate<String> packageExists) {
		this.admin = admin;
		this.packageExists = packageExists;
	}

	/**
	 * Adds a partner: its user, then its ACLs, or nothing at all if either fails.
	 * @param name the partner's name (see {@link PartnerNames#requireValid})
	 * @param password its password, at least 16 characters; or null to generate one
	 * @return the partner's user, with the password to hand over
	 * @throws IllegalArgumentException if the name or password is not valid, or the
	 * partner exists
	 */
	public KafkaUser add(String name, String password) {
		return add(name, password, List.of(Packages.ALL));
	}

	/**
	 * Adds a partner holding packages: its user, then its ACLs, or nothing at all if
	 * either fails.
	 * @param name the partner's name (see {@link PartnerNames#requireValid})
	 * @param password its password, at least 16 characters; or null to generate one
	 * @param packages the packages it may read, at least one
	 * @return the partner's user, with the password to hand over
	 * @throws IllegalArgumentException if the name, password or a package is not valid,
	 * or the partner exists
	 */
	public KafkaUser add(String name, String password, List<String> packages) {
		PartnerNames.requireValid(name);
		KafkaUser user = new KafkaUser(name,
				(password != null) ? PartnerNames.requireValidPassword(password) : ApiToken.generate());
		requireExisting(packages);
		if (userExists(name)) {
			throw new IllegalArgumentException(
					"A Kafka user named '" + name + "' exists already; revoke it first to give it a new password");
		}
		grant(user, packages);
		return user;
	}

	/**
	 * Lets a partner read one more package, at once.
	 * @param name the partner's name
	 * @param packageName the package
	 * @throws IllegalArgumentException if there is no such partner or package
	 */
	public void grant(String name, String packageName) {
		PartnerNames.requireValid(name);
		requireExisting(List.of(packageName));
		if (!userExists(name)) {
			throw new IllegalArgumentException("There is no partner named '" + name + "'");
		}
		KafkaAccess.await(this.admin.createAcls(KafkaAccess.packageAcls(name, packageName)).all(),
				"let partner " + name + " read package " + packageName);
	}

	/**
	 * Takes a package from a partner: it can read nothing more of it at once, its other
	 * packages stay.
	 * @param name the partner's name
	 * @param packageName the package
	 * @throws IllegalArgumentException if the partner does not hold that package
	 */
	public void revokePackage(String name, String packageName) {
		PartnerNames.requireValid(name);
		AclBindingFilter reading = AclFilters.onTopic(Packages.topic(packageName), name);
		Collection<AclBinding> deleted = KafkaAccess.await(this.admin.deleteAcls(List.of(reading)).all(),
				"take package " + packageName + " from partner " + name);
		if (deleted.isEmpty()) {
			throw new IllegalArgumentException(
					"Partner '" + name + "' does not hold the package '" + packageName + "'");
		}
	}

	private void requireExisting(List<String> packages) {
		if (packages.isEmpty()) {
			throw new IllegalArgumentException("A partner needs at least one package");
		}
		for (String name : packages) {
			if (!this.packageExists.test(name)) {
				throw new IllegalArgumentException("There is no package named '" + name + "' (see packages list; '"
						+ Packages.ALL + "' is every article)");
			}
		}
	}

	/**
	 * Gives a partner its user and its ACLs, replacing its password if it exists: how the
	 * local stack keeps its demo partner.
	 * @param user the partner's name and password
	 */
	void grant(KafkaUser user) {
		grant(user, List.of(Packages.ALL));
	}

	/**
	 * Gives a partner its user and its ACLs for these packages, replacing its password if
	 * it exists: how the local stack keeps its demo partners.
	 * @param user the partner's name and password
	 * @param packages packages that exist
	 */
	void grant(KafkaUser user, List<String> packages) {
		PartnerNames.requireValid(user.name());
		requireExisting(packages);
		List<AclBinding> acls = KafkaAccess.partnerAcls(user.name(), packages);
		// ACLs first: without its user nobody can use them, and a failure leaves nothing.
		KafkaAccess.await(this.admin.createAcls(acls).all(), "create the ACLs of partner " + user.name());
		try {
			KafkaAccess.await(this.admin.alterUserScramCredentials(List.of(KafkaAccess.upsertion(user))).all(),
					"create the Kafka user " + user.name());
		}
		catch (RuntimeException ex) {
			try {
				deleteAcls(user.name());
			}
			catch (RuntimeException rollback) {
				ex.addSuppressed(rollback);
			}
			throw ex;
		}
	}

	/**
	 * @return every partner: each user other than the system's own, and each principal
	 * with ACLs that has no user (left by an interrupted change), by name
	 */
	public List<Partner> list() {
		Map<String, UserScramCredentialsDescription> users = KafkaAccess
			.await(this.admin.describeUserScramCredentials().all(), "list the Kafka users");
		Collection<AclBinding> acls = KafkaAccess.await(this.admin.describeAcls(AclBindingFilter.ANY).values(),
				"list the ACLs");
		return PartnerListing.of(users.keySet(), acls);
	}

	/**
	 * Revokes a partner: its ACLs go first, so that an open session can do nothing more
	 * at once, then its user, so that it cannot authenticate again; an open connection
	 * ends when it next re-authenticates ({@code connections.max.reauth.ms}).
	 * @param name the partner's name
	 * @throws IllegalArgumentException if there is no such partner
	 */
	public void revoke(String name) {
		PartnerNames.requireValid(name);
		boolean hadAcls = !deleteAcls(name).isEmpty();
		boolean hadUser = userExists(name);
		if (hadUser) {
			KafkaAccess.await(this.admin
				.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(name, ScramMechanism.SCRAM_SHA_512)))
				.all(), "delete the Kafka user " + name);
		}
		if (!hadAcls && !hadUser) {
			throw new IllegalArgumentException("There is no partner named '" + name + "'");
		}
	}

	/**
	 * @param name a partner's name
	 * @return the prefix of its consumer groups' ids
	 */
	public static String groupPrefix(String name) {
		return name + ".";
	}

	private boolean userExists(String name) {
		// all() would name a user that does not exist too, with no credentials.
		return KafkaAccess
			.await(this.admin.describeUserScramCredentials(List.of(name)).users(), "look up the Kafka user " + name)
			.contains(name);
	}

	private Collection<AclBinding> deleteAcls(String name) {
		return KafkaAccess.await(this.admin.deleteAcls(List.of(AclFilters.everyAclOf(name))).all(),
				"delete the ACLs of " + name);
	}

	/**
	 * A partner as the cluster has it.
	 *
	 * @param name its name, the Kafka user name
	 * @param canAuthenticate whether its user exists
	 * @param hasPartnerAcls whether its ACLs are exactly a partner's
	 * @param packages the packages it may read
	 */
	public record Partner(String name, boolean canAuthenticate, boolean hasPartnerAcls, List<String> packages) {

		public String groupPrefix() {
			return Partners.groupPrefix(this.name);
		}

	}

}
