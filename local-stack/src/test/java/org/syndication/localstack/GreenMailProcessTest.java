package org.syndication.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GreenMailProcessTest {

	@TempDir
	Path directory;

	@Test
	void mailToAnyAddressIsReadableOverImapWithTheAddressAsLoginAndPassword() throws Exception {
		int smtpPort = FreePorts.find();
		int imapPort = FreePorts.find();
		GreenMailProcess greenMail = new GreenMailProcess(smtpPort, imapPort, this.directory,
				this.directory.resolve("greenmail.log"));
		try {
			greenMail.start();
			send(smtpPort, "reader@example.org", "New article: Harbour Line opens");

			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(subjectsInInbox(imapPort, "reader@example.org"))
					.containsExactly("New article: Harbour Line opens"));
			assertThat(subjectsInInbox(imapPort, "nobody@example.org")).isEmpty();
		}
		finally {
			greenMail.stop();
		}
		assertThat(greenMail.childProcess().isAlive()).isFalse();
	}

	private static void send(int smtpPort, String to, String subject) throws Exception {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", String.valueOf(smtpPort));
		MimeMessage message = new MimeMessage(Session.getInstance(properties));
		message.setFrom(new InternetAddress("alerts@syndication.example"));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
		message.setSubject(subject);
		message.setText("Read it at http://localhost:8082/");
		Transport.send(message);
	}

	private static String[] subjectsInInbox(int imapPort, String address) throws Exception {
		Properties properties = new Properties();
		properties.put("mail.imap.host", "127.0.0.1");
		properties.put("mail.imap.port", String.valueOf(imapPort));
		Store store = Session.getInstance(properties).getStore("imap");
		store.connect(address, address);
		try {
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			try {
				Message[] messages = inbox.getMessages();
				String[] subjects = new String[messages.length];
				for (int i = 0; i < messages.length; i++) {
					subjects[i] = messages[i].getSubject();
				}
				return subjects;
			}
			finally {
				inbox.close(false);
			}
		}
		finally {
			store.close();
		}
	}

}
