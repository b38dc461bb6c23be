package org.syndication.feed.websub;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Subscribers' secrets sealed at rest: AES-GCM under the keys of
 * {@code feed.websub.secret-keys}, each written {@code id:base64-key}. The first key
 * seals, every key opens, and the id of the key that sealed a secret is stored with it,
 * so a key is rotated by putting a new one first: rows sealed under an older key are
 * sealed again under the new one at the next start ({@link SecretResealing}), after which
 * the old key may go. A secret stored without a key id is a plaintext one from before the
 * sealing, read as it is and sealed at the next start too.
 */
@Component
class SubscriberSecrets {

	private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

	private final String sealingKey;

	SubscriberSecrets(HubSettings settings) {
		for (String entry : settings.secretKeys()) {
			int colon = entry.indexOf(':');
			String id = (colon > 0) ? entry.substring(0, colon).strip() : "";
			if (!KEY_ID.matcher(id).matches()) {
				throw new IllegalArgumentException("feed.websub.secret-keys: each key is id:base64-key, the id 1 to 32 "
						+ "letters, digits, '-' or '_'");
			}
			byte[] key;
			try {
				key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("feed.websub.secret-keys: key " + id + " is not base64");
			}
			if (key.length != 16 && key.length != 24 && key.length != 32) {
				throw new IllegalArgumentException(
						"feed.websub.secret-keys: key " + id + " must be 16, 24 or 32 bytes (32 recommended)");
			}
			if (this.keys.putIfAbsent(id, new SecretKeySpec(key, "AES")) != null) {
				throw new IllegalArgumentException("feed.websub.secret-keys: key id " + id + " is given twice");
			}
		}
		this.sealingKey = this.keys.isEmpty() ? null : this.keys.keySet().iterator().next();
	}

	/** Whether a key is configured, without which no secret can be stored. */
	boolean hasKey() {
		return this.sealingKey != null;
	}

	/** The id of the key that seals. */
	String sealingKeyId() {
		return this.sealingKey;
	}

	/**
	 * The secret sealed under the first key, {@code null} for none.
	 * @throws IllegalStateException when no key is configured
	 */
	Sealed seal(String secret) {
		if (secret == null) {
			return new Sealed(null, null);
		}
		if (this.sealingKey == null) {
			throw new IllegalStateException(
					"No feed.websub.secret-keys configured: subscribers' secrets cannot be " + "stored");
		}
		try {
			byte[] iv = new byte[IV_BYTES];
			this.random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(this.sealingKey), new GCMParameterSpec(TAG_BITS, iv));
			// The key id is authenticated with the secret, so that it cannot be swapped.
			cipher.updateAAD(this.sealingKey.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
			ByteBuffer stored = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed);
			return new Sealed(this.sealingKey, Base64.getEncoder().encodeToString(stored.array()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The secret as the subscriber gave it.
	 * @param keyId the id stored with it; {@code null} for a plaintext secret stored
	 * before secrets were sealed
	 * @param stored the column's value
	 * @throws IllegalStateException when the key is no longer configured or the value was
	 * tampered with
	 */
	String open(String keyId, String stored) {
		if (stored == null || keyId == null) {
			return stored;
		}
		SecretKeySpec key = this.keys.get(keyId);
		if (key == null) {
			throw new IllegalStateException("A subscriber's secret is sealed under key " + keyId
					+ ", which feed.websub.secret-keys no longer holds");
		}
		try {
			byte[] bytes = Base64.getDecoder().decode(stored);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
			cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
			byte[] secret = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
			return new String(secret, StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("A subscriber's secret sealed under key " + keyId + " cannot be opened",
					ex);
		}
	}

	/** The ids of the configured keys, the sealing one first. */
	List<String> keyIds() {
		return new ArrayList<>(this.keys.keySet());
	}

	/**
	 * A secret as stored.
	 *
	 * @param keyId the id of the key that sealed it, {@code null} for no secret
	 * @param value base64 of the nonce and the ciphertext with its tag
	 */
	record Sealed(String keyId, String value) {

	}

}
