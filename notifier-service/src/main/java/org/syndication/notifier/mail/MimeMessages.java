package org.syndication.notifier.mail;

import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Turns mails into MIME messages. Everything is UTF-8; non-ASCII subjects become RFC 2047
 * encoded-words, and Jakarta Mail picks the transfer encoding of each part.
 */
class MimeMessages {

	private static final Pattern HEADER_NAME = Pattern.compile("[\\x21-\\x39\\x3B-\\x7E]+");

	private static final String CHARSET = "UTF-8";

	private static final int SUBJECT_PREFIX_LENGTH = "Subject: ".length();

	/**
	 * 39 bytes make 52 base64 characters and a 64-character encoded-word: with "Subject:
	 * " in front the first line stays within RFC 2047's 76.
	 */
	private static final int ENCODED_WORD_BYTES = 39;

	private final InternetAddress from;

	MimeMessages(MailSettings settings) {
		this.from = settings.fromAddress();
	}

	/**
	 * The MIME message for a mail: From, To, Subject, Date, the mail's own Message-ID, a
	 * {@code multipart/alternative} body (text first, then HTML) and the extra headers.
	 * @param mail the mail
	 * @param session the session the message belongs to
	 * @return the message, with its headers updated and ready to send
	 * @throws MessagingException if the recipient is not a valid address or the message
	 * cannot be built
	 */
	SMTPMessage toMimeMessage(OutgoingMail mail, Session session) throws MessagingException {
		SMTPMessage message = new PresetIdMimeMessage(session, mail.messageId());
		message.setFrom(this.from);
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.recipient(), true));
		// Cleaned again: an OutgoingMail made elsewhere must not inject headers either.
		message.setHeader("Subject", encodeSubject(MailText.subject(MailText.singleLine(mail.subject()), "")));
		message.setSentDate(new Date());
		if (mail.htmlBody() == null) {
			message.setText(crlf(mail.textBody()), CHARSET, "plain");
		}
		else {
			MimeBodyPart text = new MimeBodyPart();
			text.setText(crlf(mail.textBody()), CHARSET, "plain");
			MimeBodyPart html = new MimeBodyPart();
			html.setText(crlf(mail.htmlBody()), CHARSET, "html");
			MimeMultipart alternative = new MimeMultipart("alternative");
			alternative.addBodyPart(text);
			alternative.addBodyPart(html);
			message.setContent(alternative);
		}
		for (Map.Entry<String, String> header : mail.headers().entrySet()) {
			message.setHeader(header.getKey(), headerValue(header.getKey(), header.getValue()));
		}
		message.saveChanges();
		return message;
	}

	/**
	 * The Subject header value: ASCII as it is, folded at spaces; anything else as RFC
	 * 2047 encoded-words in UTF-8 and base64, one per line. Jakarta Mail's own encoding
	 * ({@code setSubject(subject, "UTF-8")}) does not count the "Subject: " before its
	 * first encoded-word, which makes that line 81 characters long, more than the 76 RFC
	 * 2047 allows.
	 */
	private static String encodeSubject(String subject) {
		if (subject.chars().allMatch((c) -> c < 0x80)) {
			return MimeUtility.fold(SUBJECT_PREFIX_LENGTH, subject);
		}
		StringBuilder encoded = new StringBuilder();
		ByteArrayOutputStream word = new ByteArrayOutputStream();
		subject.codePoints().forEach((codePoint) -> {
			byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
			if (word.size() + bytes.length > ENCODED_WORD_BYTES) {
				appendEncodedWord(encoded, word);
			}
			word.writeBytes(bytes);
		});
		appendEncodedWord(encoded, word);
		return encoded.toString();
	}

	private static void appendEncodedWord(StringBuilder encoded, ByteArrayOutputStream word) {
		if (word.size() > 0) {
			if (!encoded.isEmpty()) {
				// Folding white space between encoded-words is dropped when decoding.
				encoded.append("\r\n ");
			}
			encoded.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(word.toByteArray())).append("?=");
			word.reset();
		}
	}

	private static String headerValue(String name, String value) throws MessagingException {
		if (!HEADER_NAME.matcher(name).matches()) {
			throw new MessagingException("Not a header name: '" + name + "'");
		}
		String line = MailText.singleLine(value);
		boolean ascii = line.chars().allMatch((c) -> c < 0x80);
		try {
			return MimeUtility.fold(name.length() + 2, ascii ? line : MimeUtility.encodeText(line, CHARSET, null));
		}
		catch (UnsupportedEncodingException ex) {
			throw new MessagingException("Cannot encode header " + name, ex);
		}
	}

	/** Text in canonical form: lines end with CRLF, whatever the transfer encoding. */
	private static String crlf(String text) {
		return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
	}

	/**
	 * Keeps the Message-ID chosen when the mail was composed through saveChanges(); an
	 * SMTP message, so that it can have an envelope sender of its own.
	 */
	private static final class PresetIdMimeMessage extends SMTPMessage {

		private final String messageId;

		PresetIdMimeMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", MailText.singleLine(this.messageId));
		}

	}

}
