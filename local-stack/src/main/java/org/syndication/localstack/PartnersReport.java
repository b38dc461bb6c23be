package org.syndication.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * What the {@code partners} command prints: a partner just added, the list of partners,
 * and how far their groups have read.
 */
final class PartnersReport {

	private final PrintStream out;

	PartnersReport(PrintStream out) {
		this.out = out;
	}

	/**
	 * @param partner the partner just added, with its password
	 * @param packages the packages it holds
	 * @param adminConfig the administrator's connection, which the partner's copies
	 */
	void added(KafkaUser partner, List<String> packages, Map<String, Object> adminConfig) {
		this.out.printf("Partner '%s' added. It may read the topics %s with consumer groups named '%s*'.%n",
				partner.name(), packages.stream().map((name) -> "'" + Packages.topic(name) + "'").toList(),
				Partners.groupPrefix(partner.name()));
		this.out.println("Its password is shown this once:");
		this.out.println();
		this.out.println("  " + partner.password());
		this.out.println();
		this.out.println("Its client configuration (Java client properties; the connection as this command used it):");
		this.out.println();
		ClientConfigs.partner(partner, adminConfig).forEach((key, value) -> this.out.println(key + "=" + value));
	}

	void listed(List<Partners.Partner> partners) {
		if (partners.isEmpty()) {
			this.out.println("No partners.");
			return;
		}
		this.out.printf("%-32s %-34s %-24s %s%n", "PARTNER", "CONSUMER GROUPS", "PACKAGES", "STATE");
		for (Partners.Partner partner : partners) {
			String state = partner.canAuthenticate() ? (partner.hasPartnerAcls() ? "active" : "ACLs differ")
					: "no user: cannot connect (revoke it to clean up)";
			this.out.printf("%-32s %-34s %-24s %s%n", partner.name(), partner.groupPrefix() + "*",
					String.join(",", partner.packages()), state);
		}
	}

	/**
	 * @param groups each partner's groups, by partner
	 */
	void status(Map<String, List<PartnerStatus.Group>> groups) {
		if (groups.isEmpty()) {
			this.out.println("No partners.");
			return;
		}
		this.out.printf("%-20s %-28s %-12s %7s  %-16s %10s  %-20s %s%n", "PARTNER", "GROUP", "STATE", "MEMBERS",
				"TOPIC", "LAG", "OLDEST UNREAD", "BEHIND");
		groups.forEach((partner, own) -> {
			if (own.isEmpty()) {
				this.out.printf("%-20s %s%n", partner, "no consumer groups");
			}
			for (PartnerStatus.Group group : own) {
				if (group.topics().isEmpty()) {
					this.out.printf("%-20s %-28s %-12s %7d  %s%n", partner, group.id(), group.state(), group.members(),
							"no offsets committed");
				}
				for (PartnerStatus.TopicLag topic : group.topics()) {
					this.out.printf("%-20s %-28s %-12s %7d  %-16s %10d  %-20s %s%n", partner, group.id(), group.state(),
							group.members(), topic.topic(), topic.lag(),
							topic.oldestUnread()
								.map((time) -> time.truncatedTo(ChronoUnit.SECONDS).toString())
								.orElse("-"),
							behind(topic));
				}
			}
		});
	}

	private static String behind(PartnerStatus.TopicLag topic) {
		if (topic.lag() == 0) {
			return "up to date";
		}
		String text = human(topic.behind());
		if (topic.warned()) {
			Duration history = topic.history().orElseThrow();
			Duration threshold = PartnerStatus.warningAfter(history);
			text += "  WARNING: over %s behind on a topic that keeps %s of history: changes may be compacted away unread"
				.formatted(human(threshold), human(history));
		}
		return text;
	}

	private static String human(Duration duration) {
		if (duration.toDays() > 0) {
			return (duration.toHoursPart() == 0) ? "%d d".formatted(duration.toDays())
					: "%d d %d h".formatted(duration.toDays(), duration.toHoursPart());
		}
		if (duration.toHours() > 0) {
			return "%d h %d min".formatted(duration.toHours(), duration.toMinutesPart());
		}
		return "%d min %d s".formatted(duration.toMinutes(), duration.toSecondsPart());
	}

}
