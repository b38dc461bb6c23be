package org.syndication.notifier.mail;

import java.util.Map;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMTP server mail goes to: where it is, whom to log in as, and the Jakarta Mail
 * session every connection to it is opened in.
 */
final class SmtpServer {

	private static final Logger logger = LoggerFactory.getLogger(SmtpServer.class);

	private final String host;

	private final int port;

	private final String username;

	private final String password;

	private final Session session;

	/**
	 * The SMTP server at {@code host:port}.
	 * @param host the SMTP server
	 * @param port its port
	 * @param username the user to log in as, {@code null} or blank for none
	 * @param password the password
	 * @param settings the timeouts
	 * @param sessionProperties further {@code mail.*} properties (Boot's
	 * {@code spring.mail.properties}) such as {@code mail.smtp.starttls.enable}; they
	 * override the ones made from the settings
	 */
	SmtpServer(String host, int port, String username, String password, MailSettings settings,
			Map<String, String> sessionProperties) {
		this.host = host;
		this.port = port;
		this.username = (username != null && !username.isBlank()) ? username : null;
		this.password = password;
		this.session = Session.getInstance(sessionProperties(settings, this.username != null, sessionProperties));
	}

	static Properties sessionProperties(MailSettings settings, boolean auth, Map<String, String> extra) {
		Properties properties = new Properties();
		properties.setProperty("mail.transport.protocol", "smtp");
		properties.setProperty("mail.smtp.auth", Boolean.toString(auth));
		// Jakarta Mail waits forever by default.
		properties.setProperty("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
		properties.setProperty("mail.smtp.timeout", Long.toString(settings.readTimeout().toMillis()));
		properties.setProperty("mail.smtp.writetimeout", Long.toString(settings.writeTimeout().toMillis()));
		// Nothing to learn from the reply to QUIT; closing a dead connection must not
		// wait.
		properties.setProperty("mail.smtp.quitwait", "false");
		properties.put("mail.smtp.socketFactory", NoDelaySocketFactory.INSTANCE);
		properties.setProperty("mail.smtp.socketFactory.fallback", "false");
		properties.putAll(extra);
		return properties;
	}

	/**
	 * Opens a connection of its own: connects, says hello and logs in.
	 * @return the connected transport; the caller closes it
	 * @throws MessagingException if the server cannot be reached or refuses the session
	 */
	Transport connect() throws MessagingException {
		Transport transport = this.session.getTransport("smtp");
		try {
			transport.connect(this.host, this.port, this.username, this.password);
			return transport;
		}
		catch (MessagingException | RuntimeException ex) {
			closeQuietly(transport);
			throw ex;
		}
	}

	Session session() {
		return this.session;
	}

	/** Where the server is, for health details and messages. */
	String location() {
		return this.host + ":" + this.port;
	}

	static void closeQuietly(Transport transport) {
		if (transport != null) {
			try {
				transport.close();
			}
			catch (MessagingException | RuntimeException ex) {
				logger.debug("Failed to close SMTP connection", ex);
			}
		}
	}

}
