package org.syndication.localstack;

import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs that taking a right away deletes: any operation, allowed or denied.
 */
final class AclFilters {

	private AclFilters() {
	}

	/**
	 * @param user a user's name
	 * @return every ACL of that user
	 */
	static AclBindingFilter everyAclOf(String user) {
		return filter(new ResourcePatternFilter(ResourceType.ANY, null, PatternType.ANY), "User:" + user);
	}

	/**
	 * @param topic a topic's name
	 * @param user a user's name, or null for everybody's
	 * @return the ACLs of that user on that topic
	 */
	static AclBindingFilter onTopic(String topic, String user) {
		return filter(new ResourcePatternFilter(ResourceType.TOPIC, topic, PatternType.LITERAL),
				(user != null) ? "User:" + user : null);
	}

	private static AclBindingFilter filter(ResourcePatternFilter resources, String principal) {
		return new AclBindingFilter(resources,
				new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY));
	}

}
