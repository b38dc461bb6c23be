package org.syndication.notifier.mail;

import java.io.UnsupportedEncodingException;
import java.time.Duration;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How alerts are sent. The SMTP server itself (host, port, credentials) is configured
 * with Spring Boot's standard {@code spring.mail.*} properties.
 *
 * @param from the From address, optionally with a display name
 * @param listId the {@code List-Id} value (RFC 2919): {@code <list-label>}, optionally
 * preceded by a name
 * @param connections how many SMTP connections are kept open and used in parallel
 * @param messagesPerSecond the most messages sent per second over all connections
 * together
 * @param messagesPerConnection a connection is closed and opened anew after this many
 * messages, as many servers limit messages per session
 * @param connectTimeout how long to wait for the TCP connection
 * @param readTimeout how long to wait for each reply of the server
 * @param writeTimeout how long a write to the server may block
 */
@ConfigurationProperties("notifier.mail")
@Validated
public record MailSettings(@NotBlank @DefaultValue("Syndication <alerts@localhost>") String from,
		@NotBlank @DefaultValue("<alerts.syndication.localhost>") String listId,
		@Min(1) @Max(64) @DefaultValue("4") int connections,
		@Min(1) @Max(1_000_000) @DefaultValue("2000") int messagesPerSecond,
		@Min(1) @DefaultValue("1000") int messagesPerConnection, @NotNull @DefaultValue("5s") Duration connectTimeout,
		@NotNull @DefaultValue("10s") Duration readTimeout, @NotNull @DefaultValue("10s") Duration writeTimeout) {

	public MailSettings {
		// Checked here as well as by the annotations, so that a MailSettings made without
		// Spring cannot be broken either; a bad From or List-Id would corrupt every mail.
		if (from != null) {
			fromAddress(from);
		}
		if (listId != null && !listId.matches("[^\\r\\n<>]*<[\\x21-\\x3B\\x3D\\x3F-\\x7E]+>")) {
			throw new IllegalArgumentException("List-Id must be [name] <list-label>, not '" + listId + "'");
		}
		requirePositive("connectTimeout", connectTimeout);
		requirePositive("readTimeout", readTimeout);
		requirePositive("writeTimeout", writeTimeout);
	}

	/** The From address, parsed. */
	InternetAddress fromAddress() {
		return fromAddress(this.from);
	}

	/** The domain of the From address, used for Message-IDs. */
	String fromDomain() {
		String address = fromAddress().getAddress();
		return address.substring(address.lastIndexOf('@') + 1);
	}

	private static InternetAddress fromAddress(String from) {
		try {
			InternetAddress parsed = new InternetAddress(from, true);
			if (parsed.getAddress().indexOf('@') < 1) {
				throw new IllegalArgumentException("From must be a full address, not '" + from + "'");
			}
			return new InternetAddress(parsed.getAddress(), parsed.getPersonal(), "UTF-8");
		}
		catch (AddressException | UnsupportedEncodingException ex) {
			throw new IllegalArgumentException("From is not a valid address: '" + from + "'", ex);
		}
	}

	private static void requirePositive(String name, Duration duration) {
		if (duration != null && (duration.isNegative() || duration.isZero())) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

}
