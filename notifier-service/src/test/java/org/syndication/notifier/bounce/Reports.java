package org.syndication.notifier.bounce;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * Mails as they arrive in a bounce mailbox, written as receiving servers write them: a
 * Postfix-style delivery status notification (RFC 3464), an abuse report in the form of
 * RFC 5965's example, an out-of-office reply and a report cut short.
 */
final class Reports {

	private Reports() {
	}

	/**
	 * A delivery status notification sent to a return path.
	 * @param returnPath where it is sent, the return path of the mail it reports on
	 * @param recipient the address that failed
	 * @param action {@code failed}, {@code delayed}, {@code delivered}...
	 * @param status the status code, e.g. {@code 5.1.1}
	 */
	static String deliveryStatus(String returnPath, String recipient, String action, String status) {
		return """
				Return-Path: <>
				Delivered-To: %1$s
				From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
				To: %1$s
				Subject: Undelivered Mail Returned to Sender
				Message-ID: <%5$s@mx.example.net>
				Date: Mon, 30 Nov 2026 10:00:00 +0000
				Auto-Submitted: auto-replied
				MIME-Version: 1.0
				Content-Type: multipart/report; report-type=delivery-status;
				\tboundary="B7D1A2.1764496800/mx.example.net"

				This is a MIME-encapsulated message.

				--B7D1A2.1764496800/mx.example.net
				Content-Description: Notification
				Content-Type: text/plain; charset=us-ascii

				This is the mail system at host mx.example.net.

				I'm sorry to have to inform you that your message could not
				be delivered to one or more recipients.

				<%2$s>: host mx.example.net[192.0.2.25] said: 550 5.1.1 <%2$s>:
				    Recipient address rejected: User unknown in virtual mailbox table

				--B7D1A2.1764496800/mx.example.net
				Content-Description: Delivery report
				Content-Type: message/delivery-status

				Reporting-MTA: dns; mx.example.net
				X-Postfix-Queue-ID: B7D1A2
				X-Postfix-Sender: rfc822; %1$s
				Arrival-Date: Mon, 30 Nov 2026 09:59:58 +0000

				Final-Recipient: rfc822; %2$s
				Original-Recipient: rfc822;%2$s
				Action: %3$s
				Status: %4$s
				Remote-MTA: dns; mx.example.net
				Diagnostic-Code: smtp; 550 5.1.1 <%2$s>: Recipient address rejected: User
				    unknown in virtual mailbox table

				--B7D1A2.1764496800/mx.example.net
				Content-Description: Undelivered Message Headers
				Content-Type: text/rfc822-headers

				Return-Path: <%1$s>
				From: Syndication <alerts@news.example.com>
				To: %2$s
				Subject: Rivers return to three cities
				Message-ID: <alert.1.2@news.example.com>
				List-Unsubscribe-Post: List-Unsubscribe=One-Click

				--B7D1A2.1764496800/mx.example.net--
				""".formatted(returnPath, recipient, action, status, UUID.randomUUID());
	}

	/**
	 * An abuse report (RFC 5965) from a mailbox provider's feedback loop, sent to the
	 * bounce mailbox, quoting the mail with the return path it was delivered with.
	 */
	static String complaint(String returnPath, String recipient, String feedbackType) {
		return """
				From: <abusedesk@mail.example.org>
				Date: Mon, 30 Nov 2026 10:05:00 +0000
				Subject: FW: Rivers return to three cities
				To: <bounces@news.example.com>
				Message-ID: <%4$s@mail.example.org>
				MIME-Version: 1.0
				Content-Type: multipart/report; report-type=feedback-report;
				     boundary="part1_13d.2e68ed54_boundary"

				--part1_13d.2e68ed54_boundary
				Content-Type: text/plain; charset="US-ASCII"
				Content-Transfer-Encoding: 7bit

				This is an email abuse report for an email message received from IP
				192.0.2.1 on Mon, 30 Nov 2026 10:00:00 +0000.

				--part1_13d.2e68ed54_boundary
				Content-Type: message/feedback-report

				Feedback-Type: %3$s
				User-Agent: SomeGenerator/1.0
				Version: 1
				Original-Mail-From: <%1$s>
				Original-Rcpt-To: <%2$s>
				Received-Date: Mon, 30 Nov 2026 10:00:00 +0000
				Source-IP: 192.0.2.1

				--part1_13d.2e68ed54_boundary
				Content-Type: message/rfc822
				Content-Disposition: inline

				Return-Path: <%1$s>
				From: Syndication <alerts@news.example.com>
				To: %2$s
				Subject: Rivers return to three cities
				Message-ID: <alert.1.3@news.example.com>
				Date: Mon, 30 Nov 2026 09:59:00 +0000
				MIME-Version: 1.0
				Content-Type: text/plain; charset=UTF-8

				Three cities have brought their buried rivers back to the surface.

				--part1_13d.2e68ed54_boundary--
				""".formatted(returnPath, recipient, feedbackType, UUID.randomUUID());
	}

	/** An out-of-office reply: no report. */
	static String autoReply(String to) {
		return """
				From: Reader <reader@example.net>
				To: %s
				Subject: Out of office: Rivers return to three cities
				Message-ID: <%s@example.net>
				Auto-Submitted: auto-replied
				Content-Type: text/plain; charset=UTF-8

				I am away until Monday.
				""".formatted(to, UUID.randomUUID());
	}

	/** A delivery report whose status part never comes: the mail was cut short. */
	static String truncated(String to) {
		return """
				From: MAILER-DAEMON@mx.example.net
				To: %s
				Subject: Undelivered Mail Returned to Sender
				Message-ID: <%s@mx.example.net>
				MIME-Version: 1.0
				Content-Type: multipart/report; report-type=delivery-status; boundary="cut"

				--cut
				Content-Type: text/plain

				Your message could not be deliv""".formatted(to, UUID.randomUUID());
	}

	static MimeMessage parse(String raw) throws MessagingException {
		return new MimeMessage(Session.getInstance(new Properties()),
				new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII)));
	}

}
