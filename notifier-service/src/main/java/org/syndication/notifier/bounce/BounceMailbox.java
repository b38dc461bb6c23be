package org.syndication.notifier.bounce;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the bounce mailbox over IMAP: each mail in its folder is read as a report
 * ({@link BounceReports}), applied ({@link Bounces}), and then moved out of the folder,
 * to the processed folder, or, if it is no report about a mail of ours, to the kept-aside
 * folder for an operator to look at. A mail that cannot be applied (the database is away)
 * stays where it is and is read again next time; one applied but not moved, because the
 * notifier stopped in between, is recognised and only moved. One instance reads at a
 * time.
 */
public class BounceMailbox {

	private static final Logger logger = LoggerFactory.getLogger(BounceMailbox.class);

	private final BounceSettings.Imap imap;

	private final Bounces bounces;

	BounceMailbox(BounceSettings settings, Bounces bounces) {
		this.imap = settings.imap();
		this.bounces = bounces;
	}

	/**
	 * Reads up to a batch of mails from the mailbox.
	 * @return how many mails were applied and how many kept aside
	 * @throws MessagingException if the mailbox cannot be reached
	 */
	// A reader killed while it holds the lock keeps the others out until this runs out:
	// short, so that bounces are read again within minutes. One read is one batch of
	// about seven IMAP commands, each bounded by the timeout (20 s by default), and a
	// report read twice is applied once all the same.
	@SchedulerLock(name = "bounce-mailbox", lockAtMostFor = "PT2M")
	public Read read() throws MessagingException {
		Store store = session().getStore(this.imap.ssl() ? "imaps" : "imap");
		store.connect(this.imap.host(), this.imap.port(), this.imap.username(), this.imap.password());
		try {
			Folder inbox = store.getFolder(this.imap.folder());
			inbox.open(Folder.READ_WRITE);
			int applied = 0;
			int keptAside = 0;
			try {
				int count = inbox.getMessageCount();
				if (count == 0) {
					return new Read(0, 0);
				}
				Folder processed = folder(store, this.imap.processedFolder());
				Folder aside = folder(store, this.imap.keptAsideFolder());
				Message[] messages = inbox.getMessages(1, Math.min(count, this.imap.batchSize()));
				// The flags and the whole of every mail of the batch in one command: a
				// round
				// trip to the server for each part of each mail would cost more than the
				// rest of the work.
				FetchProfile whole = new FetchProfile();
				whole.add(FetchProfile.Item.FLAGS);
				whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
				inbox.fetch(messages, whole);
				List<Message> toProcessed = new ArrayList<>();
				List<Message> toAside = new ArrayList<>();
				for (Message message : messages) {
					if (message.isSet(Flags.Flag.DELETED)) {
						continue;
					}
					Bounces.Outcome outcome;
					try {
						MimeMessage mail = new MimeMessage((MimeMessage) message);
						outcome = this.bounces.apply(key(mail), BounceReports.read(mail));
					}
					catch (RuntimeException | IOException ex) {
						logger.warn("Bounce mailbox: mail {} left to be read again: {}", message.getMessageNumber(),
								ex.toString());
						continue;
					}
					((outcome == Bounces.Outcome.KEPT_ASIDE) ? toAside : toProcessed).add(message);
				}
				move(inbox, toProcessed, processed);
				move(inbox, toAside, aside);
				applied = toProcessed.size();
				keptAside = toAside.size();
			}
			finally {
				// Expunges the mails moved.
				inbox.close(true);
			}
			if (applied + keptAside > 0) {
				logger.info("Bounce mailbox: {} reports applied, {} mails kept aside in '{}'", applied, keptAside,
						this.imap.keptAsideFolder());
			}
			return new Read(applied, keptAside);
		}
		finally {
			store.close();
		}
	}

	/** Copies the mails to the folder and marks them deleted; closing expunges them. */
	private static void move(Folder from, List<Message> messages, Folder to) throws MessagingException {
		if (!messages.isEmpty()) {
			Message[] moved = messages.toArray(Message[]::new);
			from.copyMessages(moved, to);
			from.setFlags(moved, new Flags(Flags.Flag.DELETED), true);
		}
	}

	private Session session() {
		Properties properties = new Properties();
		String protocol = this.imap.ssl() ? "imaps" : "imap";
		String timeout = Long.toString(this.imap.timeout().toMillis());
		properties.setProperty("mail." + protocol + ".connectiontimeout", timeout);
		properties.setProperty("mail." + protocol + ".timeout", timeout);
		properties.setProperty("mail." + protocol + ".writetimeout", timeout);
		if (this.imap.ssl()) {
			properties.setProperty("mail.imaps.ssl.checkserveridentity", "true");
		}
		return Session.getInstance(properties);
	}

	private static Folder folder(Store store, String name) throws MessagingException {
		Folder folder = store.getFolder(name);
		if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
			throw new MessagingException("Cannot create the folder '" + name + "'");
		}
		return folder;
	}

	/**
	 * What tells this mail from others: its Message-ID, or, without one, its whole
	 * content, hashed.
	 */
	static String key(MimeMessage mail) throws MessagingException, IOException {
		MessageDigest digest = sha256();
		String messageId = mail.getMessageID();
		if (messageId != null && !messageId.isBlank()) {
			digest.update(("id:" + messageId.strip()).getBytes(StandardCharsets.UTF_8));
		}
		else {
			digest.update("content:".getBytes(StandardCharsets.UTF_8));
			try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
				mail.writeTo(out);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What one reading did. */
	public record Read(int applied, int keptAside) {

	}

}
