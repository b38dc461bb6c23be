package org.syndication.notifier.mail;

import java.net.SocketTimeoutException;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressSucceededException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exceptions are built as Angus Mail's SMTPTransport builds them: a refused recipient
 * is a plain SendFailedException with the SMTPAddressFailedException as its next
 * exception, a refused MAIL FROM, DATA or message an SMTPSendFailedException.
 */
class SmtpRepliesTests {

	private static final InternetAddress READER = address("reader@example.net");

	@Test
	void recipientRefusedWithA5xxFailsForGoodWithTheServersReply() {
		MessagingException refused = recipientRefused(550, "550 5.1.1 no such user\n");

		assertThat(SmtpReplies.classify(refused)).isEqualTo(new SendOutcome.PermanentFailure("550 5.1.1 no such user"));
	}

	@Test
	void recipientRefusedWithA4xxFailsForNow() {
		MessagingException refused = recipientRefused(450, "450 4.2.1 try again later\n");

		assertThat(SmtpReplies.classify(refused))
			.isEqualTo(new SendOutcome.TransientFailure("450 4.2.1 try again later"));
	}

	@Test
	void messageRefusedAfterItsDataWithA5xxFailsForGood() {
		MessagingException refused = new SMTPSendFailedException(".", 554, "554 5.7.1 rejected as spam\n", null, null,
				new Address[] { READER }, null);

		assertThat(SmtpReplies.classify(refused))
			.isEqualTo(new SendOutcome.PermanentFailure("554 5.7.1 rejected as spam"));
	}

	@Test
	void senderRefusedWhileTheServerShutsDownFailsForNow() {
		MessagingException refused = new SMTPSenderFailedException(address("alerts@news.example.com"),
				"MAIL FROM:<alerts@news.example.com>", 421, "421 4.3.2 shutting down\n");

		assertThat(SmtpReplies.classify(refused))
			.isEqualTo(new SendOutcome.TransientFailure("421 4.3.2 shutting down"));
	}

	@Test
	void recipientsReportedAsAcceptedAreNotMistakenForTheRefusal() {
		// With mail.smtp.reportsuccess every accepted recipient is in the chain too.
		SMTPAddressSucceededException accepted = new SMTPAddressSucceededException(address("other@example.net"),
				"RCPT TO:<other@example.net>", 250, "250 2.1.5 OK\n");
		accepted.setNextException(new SMTPAddressFailedException(READER, "RCPT TO:<reader@example.net>", 550,
				"550 5.1.1 no such user\n"));
		MessagingException refused = new SendFailedException("Invalid Addresses", accepted, null, null,
				new Address[] { READER });

		assertThat(SmtpReplies.classify(refused)).isEqualTo(new SendOutcome.PermanentFailure("550 5.1.1 no such user"));
	}

	@Test
	void serverThatHangsUpInsteadOfReplyingFailsForNow() {
		MessagingException hungUp = new SMTPSendFailedException("DATA", -1, "[EOF]", null, null,
				new Address[] { READER }, null);

		assertThat(SmtpReplies.classify(hungUp)).isEqualTo(new SendOutcome.TransientFailure("[EOF]"));
	}

	@Test
	void brokenConnectionFailsForNowAndNamesTheRootCause() {
		MessagingException broken = new MessagingException("Exception reading response",
				new SocketTimeoutException("Read timed out"));

		assertThat(SmtpReplies.classify(broken)).isEqualTo(new SendOutcome.TransientFailure(
				"Exception reading response (java.net.SocketTimeoutException: Read timed out)"));
	}

	@Test
	void textThatOnlyLooksLikeAReplyCodeIsNotTakenForOne() {
		MessagingException notAReply = new MessagingException("550 is what the last server said");

		assertThat(SmtpReplies.classify(notAReply))
			.isEqualTo(new SendOutcome.TransientFailure("550 is what the last server said"));
	}

	@Test
	void addressRefusedBeforeTheServerWasAskedFailsForGood() {
		MessagingException invalid = new SendFailedException("Invalid Addresses", null, null, null,
				new Address[] { READER });

		assertThat(SmtpReplies.classify(invalid)).isInstanceOf(SendOutcome.PermanentFailure.class);
	}

	private static MessagingException recipientRefused(int code, String reply) {
		SMTPAddressFailedException failed = new SMTPAddressFailedException(READER, "RCPT TO:<reader@example.net>", code,
				reply);
		Address[] invalid = (code >= 500) ? new Address[] { READER } : null;
		Address[] validUnsent = (code < 500) ? new Address[] { READER } : null;
		return new SendFailedException("Invalid Addresses", failed, null, validUnsent, invalid);
	}

	private static InternetAddress address(String address) {
		try {
			return new InternetAddress(address);
		}
		catch (AddressException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
