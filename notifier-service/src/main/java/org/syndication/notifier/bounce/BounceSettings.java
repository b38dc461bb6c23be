package org.syndication.notifier.bounce;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where bounces go and how they are read.
 *
 * @param address the mailbox that receives bounces, {@code local@domain}: every mail goes
 * out with a return path of its own, {@code local+<delivery>-<tag>@domain}, which the
 * mail server must deliver to it (sub-addressing); blank for none, when mails go out with
 * the From address as their return path
 * @param imap the bounce mailbox, read over IMAP; without a host it is not read
 * @param interval how often the mailbox is read
 * @param transientToSuppress temporary failures, each of another mail, after which an
 * address is suppressed
 */
@ConfigurationProperties("notifier.bounces")
@Validated
public record BounceSettings(String address, @Valid @NotNull @DefaultValue Imap imap,
		@NotNull @DefaultValue("30s") Duration interval, @Min(1) @DefaultValue("3") int transientToSuppress) {

	/**
	 * The bounce mailbox.
	 *
	 * @param host the IMAP server; blank for no reading
	 * @param port its port
	 * @param ssl whether to connect with TLS (IMAPS)
	 * @param username the login
	 * @param password the password
	 * @param folder the folder bounces arrive in; read mail is moved to
	 * {@code processedFolder}, mail that is no report to {@code keptAsideFolder}
	 * @param processedFolder where reports go once applied
	 * @param keptAsideFolder where mail goes that is no report the notifier can apply
	 * @param batchSize mails read per run at most; they are fetched whole in one command,
	 * so this bounds the memory a run takes
	 * @param timeout connect and read timeout
	 */
	public record Imap(String host, @Min(1) @Max(65535) @DefaultValue("993") int port,
			@DefaultValue("true") boolean ssl, String username, String password,
			@NotBlank @DefaultValue("INBOX") String folder, @NotBlank @DefaultValue("Processed") String processedFolder,
			@NotBlank @DefaultValue("Kept aside") String keptAsideFolder,
			@Min(1) @Max(10_000) @DefaultValue("200") int batchSize, @NotNull @DefaultValue("20s") Duration timeout) {

	}

}
