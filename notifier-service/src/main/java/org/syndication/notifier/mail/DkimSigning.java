package org.syndication.notifier.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.util.StringUtils;

/**
 * Signs every mail with DKIM when {@link DkimSettings} name a key, with rsa-sha256 and
 * relaxed canonicalisation of header and body, so that relays that re-fold headers or
 * trim trailing spaces do not break the signature. Among the headers signed are those
 * Gmail and Yahoo ask to be covered before they offer one-click unsubscribe:
 * {@link #SIGNED_HEADERS}.
 */
public final class DkimSigning {

	private static final Logger logger = LoggerFactory.getLogger(DkimSigning.class);

	/** The headers signed, whenever a mail has them. */
	public static final List<String> SIGNED_HEADERS = List.of("From", "To", "Subject", "Date", "Message-ID",
			"MIME-Version", "Content-Type", "Content-Transfer-Encoding", "List-Id", "List-Unsubscribe",
			"List-Unsubscribe-Post", "Reply-To");

	private static final int MINIMUM_BITS = 1024;

	private static final int RECOMMENDED_BITS = 2048;

	private static final Pattern DOMAIN = Pattern
		.compile("(?i)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

	private static final Pattern SELECTOR = Pattern
		.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?" + "(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

	private static final DkimSigning OFF = new DkimSigning(null, null, null);

	private final String domain;

	private final String selector;

	private final RSAPrivateCrtKey key;

	private DkimSigning(String domain, String selector, RSAPrivateCrtKey key) {
		this.domain = domain;
		this.selector = selector;
		this.key = key;
	}

	/** Signs nothing. */
	public static DkimSigning off() {
		return OFF;
	}

	/**
	 * The signing the settings ask for, checked so that a mistake stops the notifier at
	 * start rather than leaving every mail unsigned or unverifiable.
	 * @param settings the domain, selector and key, all or none
	 * @param fromDomain the domain of the From address, which the signing domain should
	 * align with
	 * @return the signing, {@link #off()} when the settings name nothing
	 * @throws IllegalArgumentException if the settings are incomplete or wrong
	 */
	public static DkimSigning of(DkimSettings settings, String fromDomain) {
		List<String> missing = new ArrayList<>();
		if (!StringUtils.hasText(settings.domain())) {
			missing.add("notifier.mail.dkim.domain");
		}
		if (!StringUtils.hasText(settings.selector())) {
			missing.add("notifier.mail.dkim.selector");
		}
		if (!StringUtils.hasText(settings.privateKey())) {
			missing.add("notifier.mail.dkim.private-key");
		}
		if (missing.size() == 3) {
			return OFF;
		}
		if (!missing.isEmpty()) {
			throw new IllegalArgumentException("DKIM signing needs a domain, a selector and a private key; missing: "
					+ String.join(", ", missing));
		}
		String domain = settings.domain().strip().toLowerCase(Locale.ROOT);
		String selector = settings.selector().strip();
		if (!DOMAIN.matcher(domain).matches()) {
			throw new IllegalArgumentException("DKIM domain is not a domain name: '" + settings.domain() + "'");
		}
		if (!SELECTOR.matcher(selector).matches()) {
			throw new IllegalArgumentException(
					"DKIM selector is letters, digits and hyphens, in dot-separated labels: '" + selector + "'");
		}
		RSAPrivateCrtKey key = rsaKey(settings.privateKey().strip());
		int bits = key.getModulus().bitLength();
		if (bits < MINIMUM_BITS) {
			throw new IllegalArgumentException("DKIM key of " + bits + " bits: receivers ignore RSA keys under "
					+ MINIMUM_BITS + " bits; use " + RECOMMENDED_BITS);
		}
		if (bits < RECOMMENDED_BITS) {
			logger.warn("DKIM key of {} bits: {} bits are recommended (RFC 8301)", bits, RECOMMENDED_BITS);
		}
		String from = fromDomain.toLowerCase(Locale.ROOT);
		if (!from.equals(domain) && !from.endsWith("." + domain)) {
			logger.warn("DKIM domain {} is not the From domain {} nor a parent of it: DMARC will not count the "
					+ "signature as aligned", domain, from);
		}
		return new DkimSigning(domain, selector, key);
	}

	private static RSAPrivateCrtKey rsaKey(String privateKey) {
		PemContent pem;
		try {
			if (PemContent.isPresentInText(privateKey)) {
				pem = PemContent.of(privateKey);
			}
			else {
				Path file = Path.of(privateKey);
				if (!Files.isReadable(file)) {
					throw new IllegalArgumentException(
							"DKIM private key is neither PEM text nor a readable file: '" + privateKey + "'");
				}
				pem = PemContent.load(file);
			}
		}
		catch (IOException | InvalidPathException ex) {
			throw new IllegalArgumentException("DKIM private key cannot be read: " + ex.getMessage(), ex);
		}
		PrivateKey key;
		try {
			key = pem.getPrivateKey();
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("DKIM private key is not a PEM private key: " + ex.getMessage(), ex);
		}
		if (!(key instanceof RSAPrivateCrtKey rsa)) {
			throw new IllegalArgumentException("DKIM private key must be an RSA key with its public exponent, not "
					+ ((key != null) ? key.getAlgorithm() : "missing (no PRIVATE KEY block found)"));
		}
		return rsa;
	}

	public boolean enabled() {
		return this.key != null;
	}

	/**
	 * The mail as it is sent: signed when signing is on, as it is otherwise. The
	 * signature is made when the mail is written to the server, over the headers and body
	 * written.
	 * @param message a complete message
	 * @return the message to send
	 * @throws MessagingException if the message cannot be copied
	 */
	public SMTPMessage sign(SMTPMessage message) throws MessagingException {
		if (this.key == null) {
			return message;
		}
		// A signer keeps its digest and signature objects between mails, so each mail,
		// sent from one of several threads, gets one of its own; making it costs little.
		DkimSigner signer = new DkimSigner(this.domain, this.selector, this.key);
		signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
		signer.setHeaderCanonicalization(Canonicalization.RELAXED);
		signer.setBodyCanonicalization(Canonicalization.RELAXED);
		signer.setLengthParam(false);
		signer.setZParam(false);
		// The public key was looked up, if at all, at start; not once per mail.
		signer.setCheckDomainKey(false);
		SIGNED_HEADERS.forEach(signer::addHeaderToSign);
		return new DkimMessage(message, signer);
	}

	/**
	 * Where the public key is to be published: {@code <selector>._domainkey.<domain>}.
	 */
	public Optional<String> dnsName() {
		return (this.key != null) ? Optional.of(this.selector + "._domainkey." + this.domain) : Optional.empty();
	}

	/**
	 * The TXT record to publish at {@link #dnsName()}: the public key of the configured
	 * private key.
	 */
	public Optional<String> dnsRecord() {
		if (this.key == null) {
			return Optional.empty();
		}
		try {
			byte[] publicKey = KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(this.key.getModulus(), this.key.getPublicExponent()))
				.getEncoded();
			return Optional.of("v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The public key cannot be derived: " + ex.getMessage(), ex);
		}
	}

	@Override
	public String toString() {
		return (this.key != null) ? "DKIM d=" + this.domain + " s=" + this.selector : "DKIM off";
	}

}
