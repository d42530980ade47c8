-- The registry's token signing keys (Ed25519). The registry alone holds them; their public halves
-- are published in auth.verification_keys, in the same transaction as the row here.
--
-- The key that signs is the one with the latest signs_from not in the future. A rotation inserts
-- the next key with signs_from a little ahead, so every verifier has read its public half first,
-- and sets the old key's retired_at to that moment.

CREATE TABLE registry.signing_keys (
    kid text PRIMARY KEY,
    private_key bytea NOT NULL CHECK (length(private_key) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    signs_from timestamptz NOT NULL DEFAULT now(),
    retired_at timestamptz NULL
);

CREATE INDEX signing_keys_signs_from ON registry.signing_keys (signs_from DESC);
