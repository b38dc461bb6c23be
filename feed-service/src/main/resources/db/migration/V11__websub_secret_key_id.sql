-- Subscribers' secrets are sealed (AES-GCM) under one of the keys of feed.websub.secret-keys;
-- this is that key's id. NULL with a secret: a plaintext secret stored before, which the hub
-- reads as it is and seals again at its next start.
ALTER TABLE websub_subscription ADD COLUMN secret_key_id VARCHAR(32);
