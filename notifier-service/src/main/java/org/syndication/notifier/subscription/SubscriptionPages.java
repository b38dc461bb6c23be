package org.syndication.notifier.subscription;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;
import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.digest.Frequency;
import org.syndication.notifier.links.LinkPurpose;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The pages subscribers reach from their mails, from the templates in
 * {@code templates/subscription/}. A GET never changes anything except for confirming,
 * which is what the confirmation link is for: link scanners fetch GET links, so
 * unsubscribing and changing preferences take a POST (RFC 8058 one-click for the former).
 * The links of a subscription work for it alone: once it has ended, they answer 410 Gone.
 */
@Controller
class SubscriptionPages {

	private static final String INVALID = "This link is not valid, or it has expired.";

	private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cc}");

	private final SubscriptionService subscriptions;

	private final ZoneId defaultTimeZone;

	SubscriptionPages(SubscriptionService subscriptions, NotifierProperties properties) {
		this.subscriptions = subscriptions;
		this.defaultTimeZone = properties.timeZone();
	}

	/** The pages show a subscriber's address: no cache may keep them. */
	@ModelAttribute
	void noStore(HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
	}

	@GetMapping("/subscriptions/confirm")
	ModelAndView confirm(@RequestParam(required = false) String token) {
		// The preference link at once: the choices confirmed are those of the first
		// request, which may not be the last one the reader made.
		return this.subscriptions.confirm(token)
			.map((subscription) -> page("confirmed", subscription, token).addObject("manage",
					this.subscriptions.manageUrl(subscription.id()).orElse(null)))
			.orElseGet(() -> refused("Link not valid", INVALID + " Subscribe again to get a new confirmation link."));
	}

	@GetMapping("/subscriptions/unsubscribe")
	ModelAndView unsubscribeForm(@RequestParam(required = false) String token) {
		return this.subscriptions.view(token, LinkPurpose.UNSUBSCRIBE)
			.map((subscription) -> page("unsubscribe", subscription, token))
			.orElseGet(() -> refused(token, LinkPurpose.UNSUBSCRIBE, INVALID));
	}

	/** RFC 8058 one-click: a POST unsubscribes at once, with no cookie and no login. */
	@PostMapping("/subscriptions/unsubscribe")
	ModelAndView unsubscribe(@RequestParam(required = false) String token) {
		return this.subscriptions.unsubscribe(token)
			.map((subscription) -> page("unsubscribed", subscription, token))
			.orElseGet(() -> refused(token, LinkPurpose.UNSUBSCRIBE, INVALID));
	}

	@GetMapping("/subscriptions/manage")
	ModelAndView manage(@RequestParam(required = false) String token) {
		return this.subscriptions.view(token, LinkPurpose.MANAGE)
			.map((subscription) -> page("manage", subscription, token))
			.orElseGet(() -> refused(token, LinkPurpose.MANAGE, INVALID + " Use the link in a recent email."));
	}

	@PostMapping("/subscriptions/manage")
	ModelAndView changePreferences(@RequestParam(required = false) String token,
			@RequestParam(defaultValue = "") String categories, @RequestParam(required = false) String frequency,
			@RequestParam(required = false) String timeZone) {
		if (categories.length() > 5000) {
			return refused("Too long", "Name at most 50 categories.");
		}
		if (CONTROL_CHARACTERS.matcher(categories).find()) {
			return refused("Not valid", "Category names cannot contain line breaks or control characters.");
		}
		Frequency wantedFrequency = null;
		if (frequency != null) {
			wantedFrequency = Frequency.of(frequency).orElse(null);
			if (wantedFrequency == null) {
				return refused("Not valid", "Choose immediately, daily or weekly.");
			}
		}
		Optional<ZoneId> wantedZone = null;
		if (timeZone != null) {
			String zone = timeZone.strip();
			if (!zone.isEmpty() && !TimeZoneName.Validator.isValid(zone)) {
				return refused("Not valid",
						"Not a time zone: use a name such as Europe/Berlin or America/New_York, or leave it empty.");
			}
			wantedZone = zone.isEmpty() ? Optional.empty() : Optional.of(ZoneId.of(zone));
		}
		List<String> wanted = Arrays.stream(categories.split(","))
			.map(String::strip)
			.filter((category) -> !category.isEmpty() && category.length() <= 100)
			.limit(50)
			.toList();
		Optional<Subscription> changed = this.subscriptions.changePreferences(token, wanted, wantedFrequency,
				wantedZone);
		return changed.map((subscription) -> page("manage", subscription, token).addObject("saved", true))
			.orElseGet(() -> refused(token, LinkPurpose.MANAGE,
					INVALID + " Only a confirmed subscription can be changed; use the link in a recent email."));
	}

	private ModelAndView page(String name, Subscription subscription, String token) {
		Map<String, Object> model = new HashMap<>();
		model.put("email", subscription.email());
		model.put("categories",
				subscription.categories().isEmpty() ? null : String.join(", ", subscription.categories()));
		model.put("frequency", subscription.frequency().value());
		model.put("timeZone", (subscription.timeZone() != null) ? subscription.timeZone().getId() : "");
		model.put("defaultTimeZone", this.defaultTimeZone.getId());
		model.put("token", token);
		model.put("saved", false);
		return new ModelAndView("subscription/" + name, model, HttpStatus.OK);
	}

	/**
	 * The answer to a link that does nothing: 410 Gone for a genuine link of a
	 * subscription that has ended, so that its holder knows it never will again, and 400
	 * for any other.
	 */
	private ModelAndView refused(String token, LinkPurpose purpose, String message) {
		if (this.subscriptions.isForAnEndedSubscription(token, purpose)) {
			return new ModelAndView("subscription/refused",
					Map.of("title", "Link no longer valid", "message",
							"This link belongs to an earlier subscription of this address, which has ended. "
									+ "The emails of the current subscription, if there is one, carry its own links."),
					HttpStatus.GONE);
		}
		return refused("Link not valid", message);
	}

	private static ModelAndView refused(String title, String message) {
		return new ModelAndView("subscription/refused", Map.of("title", title, "message", message),
				HttpStatus.BAD_REQUEST);
	}

}
