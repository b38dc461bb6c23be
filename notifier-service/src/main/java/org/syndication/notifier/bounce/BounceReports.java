package org.syndication.notifier.bounce;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import org.eclipse.angus.mail.dsn.DeliveryStatus;

/**
 * Reads a mail from the bounce mailbox: a delivery status notification (RFC 3464,
 * {@code multipart/report; report-type=delivery-status}), whose per-recipient fields are
 * parsed by Angus Mail's DSN support, or an abuse report (RFC 5965,
 * {@code multipart/report; report-type=feedback-report}). Anything else, an auto-reply or
 * a report that is cut short or malformed, is {@link BounceReport.Unreadable}: never an
 * exception.
 */
final class BounceReports {

	/** Headers of a report that may hold the return path it was sent to. */
	private static final List<String> DELIVERED_TO = List.of("To", "Delivered-To", "X-Original-To", "Envelope-To");

	private BounceReports() {
	}

	static BounceReport read(MimeMessage message) {
		try {
			ContentType type = new ContentType(message.getContentType());
			if (!type.match("multipart/report")) {
				return new BounceReport.Unreadable("not a report: " + type.getBaseType());
			}
			String reportType = String.valueOf(type.getParameter("report-type")).toLowerCase(Locale.ROOT);
			MimeMultipart parts = new MimeMultipart(message.getDataHandler().getDataSource());
			return switch (reportType) {
				case "delivery-status" -> deliveryStatus(message, parts);
				case "feedback-report" -> feedbackReport(message, parts);
				default -> new BounceReport.Unreadable("a report of type " + reportType);
			};
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			return new BounceReport.Unreadable("malformed: " + ex);
		}
	}

	private static BounceReport deliveryStatus(MimeMessage message, MimeMultipart parts)
			throws MessagingException, IOException {
		BodyPart statusPart = part(parts, "message/delivery-status", "message/global-delivery-status");
		if (statusPart == null) {
			return new BounceReport.Unreadable("a delivery-status report without its message/delivery-status part");
		}
		DeliveryStatus status = new DeliveryStatus(statusPart.getInputStream());
		List<String> candidates = candidates(message, parts);
		if (status.getRecipientDSNCount() == 0) {
			return new BounceReport.Unreadable("a delivery status notification without recipient fields");
		}
		// One recipient per mail is sent; a report on several takes the worst.
		BounceReport.Failure temporary = null;
		String nothing = null;
		for (int i = 0; i < status.getRecipientDSNCount(); i++) {
			InternetHeaders fields = status.getRecipientDSN(i);
			String action = field(fields, "Action").toLowerCase(Locale.ROOT);
			String code = statusCode(field(fields, "Status"));
			String recipient = address(field(fields, "Final-Recipient"), field(fields, "Original-Recipient"));
			if (action.equals("failed") && code.startsWith("5")) {
				return new BounceReport.Failure(true, code, recipient, candidates);
			}
			if (action.equals("failed") || action.equals("delayed")) {
				temporary = (temporary != null) ? temporary
						: new BounceReport.Failure(false, code.isEmpty() ? action : code, recipient, candidates);
			}
			else if (!action.isEmpty()) {
				nothing = action + " to " + recipient;
			}
		}
		if (temporary != null) {
			return temporary;
		}
		return (nothing != null) ? new BounceReport.NothingToDo(nothing, candidates)
				: new BounceReport.Unreadable("a delivery status notification without an Action");
	}

	private static BounceReport feedbackReport(MimeMessage message, MimeMultipart parts)
			throws MessagingException, IOException {
		BodyPart feedbackPart = part(parts, "message/feedback-report");
		if (feedbackPart == null) {
			return new BounceReport.Unreadable("a feedback report without its message/feedback-report part");
		}
		InternetHeaders fields = new InternetHeaders(feedbackPart.getInputStream());
		String feedbackType = field(fields, "Feedback-Type").toLowerCase(Locale.ROOT);
		if (feedbackType.isEmpty()) {
			return new BounceReport.Unreadable("a feedback report without a Feedback-Type");
		}
		String recipient = address(field(fields, "Original-Rcpt-To"), "");
		List<String> candidates = new ArrayList<>(candidates(message, parts));
		// The envelope sender of the mail reported: its return path.
		candidates.add(field(fields, "Original-Mail-From"));
		if (feedbackType.equals("not-spam")) {
			return new BounceReport.NothingToDo("not spam, says " + recipient, candidates);
		}
		return new BounceReport.Complaint(feedbackType, recipient, candidates);
	}

	/**
	 * Where the return path may be: the report's own recipients, and the Return-Path
	 * (and, for a report quoting the mail as it was sent, its headers) of the quoted
	 * mail.
	 */
	private static List<String> candidates(MimeMessage message, MimeMultipart parts)
			throws MessagingException, IOException {
		List<String> candidates = new ArrayList<>();
		for (String name : DELIVERED_TO) {
			String[] values = message.getHeader(name);
			if (values != null) {
				candidates.addAll(List.of(values));
			}
		}
		BodyPart quoted = part(parts, "message/rfc822", "text/rfc822-headers", "message/global",
				"message/global-headers");
		if (quoted != null) {
			InternetHeaders headers = new InternetHeaders(quoted.getInputStream());
			for (String name : List.of("Return-Path", "Sender", "Errors-To")) {
				String[] values = headers.getHeader(name);
				if (values != null) {
					candidates.addAll(List.of(values));
				}
			}
		}
		return candidates;
	}

	private static BodyPart part(MimeMultipart parts, String... types) throws MessagingException {
		for (int i = 0; i < parts.getCount(); i++) {
			BodyPart part = parts.getBodyPart(i);
			for (String type : types) {
				if (isMimeType(part, type)) {
					return part;
				}
			}
		}
		return null;
	}

	private static boolean isMimeType(Part part, String type) throws MessagingException {
		try {
			return new ContentType(part.getContentType()).match(type);
		}
		catch (ParseException ex) {
			return false;
		}
	}

	private static String field(InternetHeaders fields, String name) {
		String value = fields.getHeader(name, " ");
		return (value != null) ? value.strip() : "";
	}

	/** The status code of a Status field, {@code 5.1.1 (user unknown)} giving 5.1.1. */
	private static String statusCode(String status) {
		String code = status.split("[\\s(]", 2)[0];
		return code.matches("[245]\\.\\d{1,3}\\.\\d{1,3}") ? code : "";
	}

	/** The address of a field such as {@code rfc822; reader@example.net}. */
	private static String address(String field, String fallback) {
		String value = field.isEmpty() ? fallback : field;
		int semicolon = value.indexOf(';');
		return ((semicolon >= 0) ? value.substring(semicolon + 1) : value).strip();
	}

}
