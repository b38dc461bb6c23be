package org.syndication.localstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The partners as the cluster's users and ACLs show them: every user other than the
 * system's own, and every principal with ACLs that has no user (left by an interrupted
 * change), with the packages it may read and whether its ACLs are exactly a partner's.
 */
final class PartnerListing {

	private PartnerListing() {
	}

	/**
	 * @param users the names of the cluster's users
	 * @param acls every ACL of the cluster
	 * @return the partners, by name
	 */
	static List<Partners.Partner> of(Set<String> users, Collection<AclBinding> acls) {
		Set<String> names = new TreeSet<>(users);
		Map<String, List<AclBinding>> aclsByName = new TreeMap<>();
		for (AclBinding acl : acls) {
			String principal = acl.entry().principal();
			if (principal.startsWith("User:")) {
				String name = principal.substring("User:".length());
				aclsByName.computeIfAbsent(name, (key) -> new ArrayList<>()).add(acl);
				names.add(name);
			}
		}
		names.removeAll(KafkaCredentials.USERS);
		List<Partners.Partner> partners = new ArrayList<>();
		for (String name : names) {
			List<AclBinding> own = aclsByName.getOrDefault(name, List.of());
			List<String> packages = own.stream()
				.filter((acl) -> acl.pattern().resourceType() == ResourceType.TOPIC
						&& acl.pattern().patternType() == PatternType.LITERAL
						&& acl.entry().operation() == AclOperation.READ)
				.map((acl) -> packageOf(acl.pattern().name()))
				.sorted()
				.toList();
			boolean complete = PartnerNames.matches(name) && !packages.isEmpty()
					&& Set.copyOf(own).equals(Set.copyOf(KafkaAccess.partnerAcls(name, packages)));
			partners.add(new Partners.Partner(name, users.contains(name), complete, packages));
		}
		return partners;
	}

	/** The package whose topic it is; the topic itself if it is none's. */
	private static String packageOf(String topic) {
		if (topic.equals(KafkaAccess.TOPIC)) {
			return Packages.ALL;
		}
		return topic.startsWith(Packages.TOPIC_PREFIX) ? topic.substring(Packages.TOPIC_PREFIX.length()) : topic;
	}

}
