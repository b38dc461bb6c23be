package org.syndication.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.syndication.localstack.FreePorts;

/**
 * A real SMTP and IMAP server (GreenMail) on free ports of 127.0.0.1 that accepts mail
 * for any address; a mailbox's login and password are its address. It can be taken down
 * and brought back on the same ports; the mails it received before are kept here, so a
 * test sees every mail the system ever sent.
 */
final class MailServer implements Mailbox, AutoCloseable {

	private final int smtpPort = FreePorts.find();

	private final int imapPort = FreePorts.find();

	private final List<Mail> before = new ArrayList<>();

	private GreenMail server;

	synchronized void start() {
		this.server = new GreenMail(new ServerSetup[] { new ServerSetup(this.smtpPort, "127.0.0.1", "smtp"),
				new ServerSetup(this.imapPort, "127.0.0.1", "imap") })
			.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
		this.server.start();
	}

	/**
	 * Takes the server down: connections are refused until {@link #start()}.
	 */
	synchronized void stop() {
		this.before.addAll(read(this.server.getReceivedMessages()));
		this.server.stop();
		this.server = null;
	}

	@Override
	public synchronized void close() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	int smtpPort() {
		return this.smtpPort;
	}

	int imapPort() {
		return this.imapPort;
	}

	/**
	 * Sends a mail to an address of this server over SMTP, as a remote server sends a
	 * report to a bounce mailbox.
	 * @param address the envelope recipient
	 * @param raw the whole mail, headers and body, lines ending in LF or CRLF
	 */
	void deliver(String address, String raw) {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", String.valueOf(this.smtpPort));
		properties.put("mail.smtp.from", "mailer-daemon@mx.example.net");
		Session session = Session.getInstance(properties);
		try {
			MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(
					raw.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII)));
			Transport.send(message, new Address[] { new InternetAddress(address) });
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Cannot deliver a mail to " + address, ex);
		}
	}

	/**
	 * @return every mail received since the first start, in order of arrival
	 */
	@Override
	public synchronized List<Mail> all() {
		List<Mail> all = new ArrayList<>(this.before);
		if (this.server != null) {
			all.addAll(read(this.server.getReceivedMessages()));
		}
		return all;
	}

	/**
	 * @return how many mails were received since the first start, cheaper than
	 * {@link #all()}
	 */
	synchronized int count() {
		return this.before.size() + ((this.server != null) ? this.server.getReceivedMessages().length : 0);
	}

	/**
	 * Reads a mailbox's headers the way a mail client lists it, over IMAP: one FETCH of
	 * every message's envelope.
	 * @param address the mailbox, also its login and password
	 * @return its messages; only their headers can be read, the folder is closed
	 */
	List<Mail> readOverImap(String address) {
		Properties properties = new Properties();
		properties.put("mail.imap.connectiontimeout", "5000");
		properties.put("mail.imap.timeout", "30000");
		try {
			Store store = Session.getInstance(properties).getStore("imap");
			store.connect("127.0.0.1", this.imapPort, address, address);
			try {
				Folder inbox = store.getFolder("INBOX");
				inbox.open(Folder.READ_ONLY);
				try {
					Message[] messages = inbox.getMessages();
					FetchProfile envelope = new FetchProfile();
					envelope.add(FetchProfile.Item.ENVELOPE);
					inbox.fetch(messages, envelope);
					List<Mail> mails = new ArrayList<>();
					for (Message message : messages) {
						mails.add(Mail.of((MimeMessage) message));
					}
					return mails;
				}
				finally {
					inbox.close(false);
				}
			}
			finally {
				store.close();
			}
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Cannot read the mailbox of " + address + " over IMAP", ex);
		}
	}

	private static List<Mail> read(MimeMessage[] messages) {
		List<Mail> mails = new ArrayList<>(messages.length);
		for (MimeMessage message : messages) {
			mails.add(Mail.of(message));
		}
		return mails;
	}

}
