package org.syndication.notifier.subscription;

import java.time.Duration;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.syndication.notifier.NotifierProperties;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The sign-up page: the subscription API as an HTML form, which works without JavaScript.
 * It follows the API's rules and answers as it does: the same page whatever the address,
 * so that nobody learns who subscribes, and the same rate limit. A form with mistakes
 * comes back as it was filled in, each mistake next to its field.
 * <p>
 * The security chain checks the form's CSRF token before it gets here, and forwards a
 * form without a valid one to {@code /subscribe/refused}.
 */
@Controller
class SignUpPage {

	private final SubscriptionService subscriptions;

	private final SubscribeRateLimiter rateLimiter;

	private final NotifierProperties properties;

	SignUpPage(SubscriptionService subscriptions, SubscribeRateLimiter rateLimiter, NotifierProperties properties) {
		this.subscriptions = subscriptions;
		this.rateLimiter = rateLimiter;
		this.properties = properties;
	}

	/** The pages may show an address: no cache may keep them. */
	@ModelAttribute
	void noStore(HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
	}

	@GetMapping("/subscribe")
	ModelAndView form() {
		return form(SignUpForm.EMPTY, Map.of(), HttpStatus.OK);
	}

	/**
	 * Subscribes, unless the form has mistakes, comes from a bot or the client is over
	 * its rate. As in the API, only a valid request counts towards the rate.
	 */
	@PostMapping(path = "/subscribe", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ModelAndView subscribe(@RequestParam MultiValueMap<String, String> parameters, HttpServletRequest request,
			HttpServletResponse response) {
		SignUpForm form = SignUpForm.of(parameters);
		if (form.isFromABot()) {
			// A bot learns nothing from the answer, so it has no reason to try another
			// way.
			return checkInbox();
		}
		Map<String, String> errors = form.errors();
		if (!errors.isEmpty()) {
			return form(form, errors, HttpStatus.BAD_REQUEST);
		}
		Duration wait = this.rateLimiter.acquire(request.getRemoteAddr());
		if (!wait.isZero()) {
			long seconds = SubscribeRateLimiter.retryAfterSeconds(wait);
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			return refused(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
					"Too many sign-ups came from your network just now. Try again in " + seconds
							+ ((seconds == 1) ? " second." : " seconds."));
		}
		try {
			this.subscriptions.subscribe(form.address(), form.categories(), form.wantedFrequency(),
					form.wantedTimeZone());
		}
		catch (UnknownCategoryException ex) {
			return form(form, Map.of("categories", "Choose among the categories listed."), HttpStatus.BAD_REQUEST);
		}
		return checkInbox();
	}

	/** Where the security chain forwards a sign-up without a valid CSRF token. */
	@RequestMapping("/subscribe/refused")
	ModelAndView refusedWithoutToken() {
		return refused(HttpStatus.FORBIDDEN, "Please send the form again",
				"The form could not be checked: it may come from a page opened long ago, or your browser may not have "
						+ "sent back its cookie, which the form needs. Nothing was sent.");
	}

	private ModelAndView form(SignUpForm form, Map<String, String> errors, HttpStatus status) {
		String title = "Subscribe to " + this.properties.publicationName();
		// A ticked category that is not, or no longer, among the known ones stays ticked.
		LinkedHashSet<String> categories = new LinkedHashSet<>(this.subscriptions.knownCategories());
		categories.addAll(form.categories());
		NotifierProperties.Digest digest = this.properties.digest();
		Map<String, Object> model = new HashMap<>();
		model.put("title", errors.isEmpty() ? title : "Error: " + title);
		model.put("heading", title);
		model.put("email", form.email());
		model.put("categories", new ArrayList<>(categories));
		model.put("ticked", new LinkedHashSet<>(form.categories()));
		model.put("frequency", form.frequency());
		model.put("timeZone", form.timeZone());
		model.put("defaultTimeZone", this.properties.timeZone().getId());
		model.put("dailyAt", digest.dailyAt().toString());
		model.put("weeklyOn", digest.weeklyOn().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + "s");
		model.put("weeklyAt", digest.weeklyAt().toString());
		model.put("errors", errors);
		return new ModelAndView("subscription/subscribe", model, status);
	}

	private static ModelAndView checkInbox() {
		return new ModelAndView("subscription/check-inbox", Map.of(), HttpStatus.OK);
	}

	private static ModelAndView refused(HttpStatus status, String title, String message) {
		return new ModelAndView("subscription/refused", Map.of("title", title, "message", message, "signUpAgain", true),
				status);
	}

}
