package org.syndication.notifier.subscription;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.syndication.notifier.links.LinkPurpose;
import org.syndication.notifier.subscription.SubscriptionService.Subscription;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The pages subscribers reach from their mails. A GET never changes anything except for
 * confirming, which is what the confirmation link is for: link scanners fetch GET links,
 * so unsubscribing and changing preferences take a POST (RFC 8058 one-click for the
 * former).
 */
@RestController
class SubscriptionPages {

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	private static final String INVALID = "This link is not valid, or it has expired.";

	private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cc}");

	private final SubscriptionService subscriptions;

	SubscriptionPages(SubscriptionService subscriptions) {
		this.subscriptions = subscriptions;
	}

	@GetMapping("/subscriptions/confirm")
	ResponseEntity<String> confirm(@RequestParam(required = false) String token) {
		return this.subscriptions.confirm(token)
			.map((subscription) -> page(HttpStatus.OK, "Subscription confirmed",
					"<p>" + escape(subscription.email()) + " will receive an email for each new article"
							+ describe(subscription.categories()) + ".</p>"))
			.orElseGet(() -> page(HttpStatus.BAD_REQUEST, "Link not valid",
					"<p>" + INVALID + " Subscribe again to get a new confirmation link.</p>"));
	}

	@GetMapping("/subscriptions/unsubscribe")
	ResponseEntity<String> unsubscribeForm(@RequestParam(required = false) String token) {
		return this.subscriptions.view(token, LinkPurpose.UNSUBSCRIBE)
			.map((subscription) -> page(HttpStatus.OK, "Unsubscribe",
					"<p>Stop all emails to " + escape(subscription.email()) + "?</p>"
							+ "<form method=\"post\" action=\"/subscriptions/unsubscribe?token=" + escape(token)
							+ "\"><button type=\"submit\">Unsubscribe</button></form>"))
			.orElseGet(() -> page(HttpStatus.BAD_REQUEST, "Link not valid", "<p>" + INVALID + "</p>"));
	}

	/** RFC 8058 one-click: a POST unsubscribes at once, with no cookie and no login. */
	@PostMapping("/subscriptions/unsubscribe")
	ResponseEntity<String> unsubscribe(@RequestParam(required = false) String token) {
		return this.subscriptions.unsubscribe(token)
			.map((subscription) -> page(HttpStatus.OK, "Unsubscribed",
					"<p>" + escape(subscription.email()) + " will receive no more emails from us.</p>"))
			.orElseGet(() -> page(HttpStatus.BAD_REQUEST, "Link not valid", "<p>" + INVALID + "</p>"));
	}

	@GetMapping("/subscriptions/manage")
	ResponseEntity<String> manage(@RequestParam(required = false) String token) {
		return this.subscriptions.view(token, LinkPurpose.MANAGE)
			.map((subscription) -> managePage(subscription, token, null))
			.orElseGet(() -> page(HttpStatus.BAD_REQUEST, "Link not valid", "<p>" + INVALID + "</p>"));
	}

	@PostMapping("/subscriptions/manage")
	ResponseEntity<String> changeCategories(@RequestParam(required = false) String token,
			@RequestParam(defaultValue = "") String categories) {
		if (categories.length() > 5000) {
			return page(HttpStatus.BAD_REQUEST, "Too long", "<p>Name at most 50 categories.</p>");
		}
		if (CONTROL_CHARACTERS.matcher(categories).find()) {
			return page(HttpStatus.BAD_REQUEST, "Not valid",
					"<p>Category names cannot contain line breaks or control characters.</p>");
		}
		List<String> wanted = Arrays.stream(categories.split(","))
			.map(String::strip)
			.filter((category) -> !category.isEmpty() && category.length() <= 100)
			.limit(50)
			.toList();
		Optional<Subscription> changed = this.subscriptions.changeCategories(token, wanted);
		return changed.map((subscription) -> managePage(subscription, token, "Saved."))
			.orElseGet(() -> page(HttpStatus.BAD_REQUEST, "Link not valid",
					"<p>" + INVALID + " Only a confirmed subscription can be changed.</p>"));
	}

	private ResponseEntity<String> managePage(Subscription subscription, String token, String notice) {
		String action = "/subscriptions/manage?token=" + escape(token);
		String body = ((notice != null) ? "<p><strong>" + escape(notice) + "</strong></p>" : "") + "<p>"
				+ escape(subscription.email()) + " receives an email for each new article"
				+ describe(subscription.categories()) + ".</p>" + "<form method=\"post\" action=\"" + action + "\">"
				+ "<label>Categories, separated by commas (empty for every article):<br>"
				+ "<input name=\"categories\" size=\"50\" value=\""
				+ escape(String.join(", ", subscription.categories())) + "\"></label> "
				+ "<button type=\"submit\">Save</button></form>"
				+ "<p>To stop all emails, use the unsubscribe link at the bottom of any of them.</p>";
		return page(HttpStatus.OK, "Your subscription", body);
	}

	private static String describe(List<String> categories) {
		return categories.isEmpty() ? "" : " in " + escape(String.join(", ", categories));
	}

	private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
		String html = """
				<!DOCTYPE html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<meta name="robots" content="noindex">
				<title>%s</title>
				<style>body{max-width:36rem;margin:2rem auto;padding:0 1rem;font:1rem/1.6 system-ui,sans-serif}</style>
				</head>
				<body>
				<h1>%s</h1>
				%s
				</body>
				</html>
				""".formatted(escape(title), escape(title), body);
		return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore()).body(html);
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

}
