package org.syndication.notifier.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * DKIM signing (RFC 6376). With a domain, a selector and a private key every mail is
 * signed; with none of them no mail is; with some but not all the notifier does not
 * start.
 *
 * @param domain the signing domain ({@code d=}): the domain of the From address, or a
 * parent of it, so that DMARC finds the signature aligned
 * @param selector the selector ({@code s=}): the public key is published as a TXT record
 * at {@code <selector>._domainkey.<domain>}
 * @param privateKey the RSA private key, at least 1024 bits and better 2048, in PEM
 * (PKCS#8 {@code BEGIN PRIVATE KEY} or PKCS#1 {@code BEGIN RSA PRIVATE KEY}): the PEM
 * text itself, or the path of a file that holds it
 */
@ConfigurationProperties("notifier.mail.dkim")
public record DkimSettings(String domain, String selector, String privateKey) {

	/** No signing. */
	public static DkimSettings none() {
		return new DkimSettings(null, null, null);
	}

}
