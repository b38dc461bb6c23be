package org.syndication.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * GreenMail's standalone server in a child JVM: SMTP and IMAP on 127.0.0.1 that accept
 * mail for any address, with the address itself as the mailbox's login and password.
 */
final class GreenMailProcess {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

	private final int smtpPort;

	private final int imapPort;

	private final ChildProcess server;

	GreenMailProcess(int smtpPort, int imapPort, Path workingDirectory, Path outputFile) {
		this.smtpPort = smtpPort;
		this.imapPort = imapPort;
		this.server = new ChildProcess("greenmail", command(smtpPort, imapPort), Map.of(), workingDirectory,
				outputFile.toAbsolutePath().normalize());
	}

	private static List<String> command(int smtpPort, int imapPort) {
		String jar = Jvm.classpath((entry) -> Jvm.jarNamed(entry, "greenmail-standalone"));
		if (jar.isEmpty()) {
			throw new IllegalStateException("greenmail-standalone is not on the classpath");
		}
		return List.of(Jvm.javaExecutable(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
				"-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtpPort,
				"-Dgreenmail.imap.hostname=127.0.0.1", "-Dgreenmail.imap.port=" + imapPort,
				// No accounts to set up: a mailbox is created on its first mail or login,
				// with the address as login and any password accepted.
				"-Dgreenmail.auth.disabled",
				// Its uber jar is the whole classpath: it bundles its own log4j and
				// Jakarta
				// Mail, which must not meet the broker's.
				"-cp", jar, "com.icegreen.greenmail.standalone.GreenMailStandaloneRunner");
	}

	void start() {
		FreePorts.requireFree(this.smtpPort, "GreenMail");
		FreePorts.requireFree(this.imapPort, "GreenMail");
		this.server.start(false);
		awaitListening();
	}

	void stop() {
		this.server.stop(Duration.ofSeconds(10));
	}

	ChildProcess childProcess() {
		return this.server;
	}

	private void awaitListening() {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (!(FreePorts.accepts(this.smtpPort) && FreePorts.accepts(this.imapPort))) {
			if (!this.server.isAlive()) {
				throw new IllegalStateException(
						"GreenMail exited while starting:" + System.lineSeparator() + this.server.tail(30));
			}
			if (System.nanoTime() > deadline) {
				this.server.kill();
				throw new IllegalStateException(
						"GreenMail did not listen on SMTP " + this.smtpPort + " and IMAP " + this.imapPort + " within "
								+ READY_TIMEOUT.toSeconds() + " s:" + System.lineSeparator() + this.server.tail(30));
			}
			Pause.briefly();
		}
	}

}
