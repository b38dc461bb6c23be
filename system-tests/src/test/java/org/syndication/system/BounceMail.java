package org.syndication.system;

import java.util.UUID;

/**
 * The mails a bounce mailbox receives, as remote servers write them: a delivery status
 * notification (RFC 3464) that a mail could not be delivered, and an abuse report (RFC
 * 5965) from a feedback loop.
 */
final class BounceMail {

	private BounceMail() {
	}

	/** A permanent failure, sent to the return path of the mail that failed. */
	static String hardBounce(String returnPath, String recipient) {
		return """
				From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
				To: %1$s
				Subject: Undelivered Mail Returned to Sender
				Message-ID: <%3$s@mx.example.net>
				Auto-Submitted: auto-replied
				MIME-Version: 1.0
				Content-Type: multipart/report; report-type=delivery-status; boundary="report"

				--report
				Content-Type: text/plain; charset=us-ascii

				Your message could not be delivered: user unknown.

				--report
				Content-Type: message/delivery-status

				Reporting-MTA: dns; mx.example.net

				Final-Recipient: rfc822; %2$s
				Action: failed
				Status: 5.1.1
				Diagnostic-Code: smtp; 550 5.1.1 User unknown

				--report--
				""".formatted(returnPath, recipient, UUID.randomUUID());
	}

	/** An abuse report, quoting the mail with the return path it was delivered with. */
	static String complaint(String returnPath, String recipient) {
		return """
				From: <abusedesk@mail.example.org>
				To: <%3$s>
				Subject: FW: an alert
				Message-ID: <%4$s@mail.example.org>
				MIME-Version: 1.0
				Content-Type: multipart/report; report-type=feedback-report; boundary="arf"

				--arf
				Content-Type: text/plain; charset=us-ascii

				This is an email abuse report.

				--arf
				Content-Type: message/feedback-report

				Feedback-Type: abuse
				User-Agent: SomeGenerator/1.0
				Version: 1
				Original-Mail-From: <%1$s>
				Original-Rcpt-To: <%2$s>

				--arf
				Content-Type: text/rfc822-headers

				Return-Path: <%1$s>
				To: %2$s
				Subject: an alert

				--arf--
				""".formatted(returnPath, recipient, TheSystem.BOUNCES, UUID.randomUUID());
	}

}
