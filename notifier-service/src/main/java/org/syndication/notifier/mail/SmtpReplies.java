package org.syndication.notifier.mail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * What a failed send means for the mail. A 5xx reply is permanent, everything else (a
 * 4xx, a broken connection, a timeout) transient.
 * <p>
 * The reply comes from Angus Mail's exceptions, which carry the code of the command the
 * server refused: {@link SMTPAddressFailedException} for RCPT TO,
 * {@link SMTPSenderFailedException} for MAIL FROM and {@link SMTPSendFailedException} for
 * the rest of the transaction. A refused recipient arrives as a plain
 * {@link SendFailedException} whose chain holds the {@link SMTPAddressFailedException};
 * with {@code mail.smtp.reportsuccess} the chain also holds an
 * {@code SMTPAddressSucceededException} per accepted recipient, which is no failure and
 * is passed over.
 */
final class SmtpReplies {

	private SmtpReplies() {
	}

	static SendOutcome classify(MessagingException ex) {
		Optional<Reply> reply = reply(ex);
		if (reply.isPresent()) {
			return reply.get().permanent() ? new SendOutcome.PermanentFailure(reply.get().text())
					: new SendOutcome.TransientFailure(reply.get().text());
		}
		// Refused before the server was asked, for example an address Jakarta Mail
		// cannot send to: trying again will not help either.
		if (ex instanceof SendFailedException failed && !causedByIo(ex) && failed.getInvalidAddresses() != null
				&& failed.getInvalidAddresses().length > 0) {
			return new SendOutcome.PermanentFailure(describe(ex));
		}
		return new SendOutcome.TransientFailure(describe(ex));
	}

	/** The server's reply if there is one, else what went wrong and its root cause. */
	static String describe(Throwable ex) {
		Optional<Reply> reply = reply(ex);
		if (reply.isPresent()) {
			return reply.get().text();
		}
		List<Throwable> chain = chain(ex);
		String top = (ex.getMessage() != null) ? ex.getMessage().strip() : ex.getClass().getSimpleName();
		Throwable root = chain.get(chain.size() - 1);
		return (root != ex) ? top + " (" + root + ")" : top;
	}

	/** Whether the connection broke: after that its state is unknown. */
	static boolean causedByIo(Throwable ex) {
		return chain(ex).stream().anyMatch(IOException.class::isInstance);
	}

	/**
	 * The reply to the first command that failed: the first Angus Mail exception in the
	 * chain (a MessagingException's cause is its next exception) that carries one.
	 */
	private static Optional<Reply> reply(Throwable ex) {
		for (Throwable current : chain(ex)) {
			int code = returnCode(current);
			// -1: the server hung up instead of replying, so there is no reply to go by.
			if (code >= 200 && code <= 599) {
				String text = (current.getMessage() != null) ? current.getMessage().strip() : String.valueOf(code);
				return Optional.of(new Reply(code, text));
			}
		}
		return Optional.empty();
	}

	private static int returnCode(Throwable ex) {
		if (ex instanceof SMTPAddressFailedException failed) {
			return failed.getReturnCode();
		}
		if (ex instanceof SMTPSenderFailedException failed) {
			return failed.getReturnCode();
		}
		if (ex instanceof SMTPSendFailedException failed) {
			return failed.getReturnCode();
		}
		return -1;
	}

	private static List<Throwable> chain(Throwable ex) {
		List<Throwable> chain = new ArrayList<>();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable current = ex; current != null && seen.add(current); current = current.getCause()) {
			chain.add(current);
		}
		return chain;
	}

	/**
	 * The server's reply to a command it did not accept.
	 *
	 * @param code its three-digit code
	 * @param text the reply as the server wrote it, the code first
	 */
	private record Reply(int code, String text) {

		boolean permanent() {
			return this.code >= 500;
		}

	}

}
