-- The public halves of the registry's token signing keys, which every service reads to verify
-- bearer tokens (there is no HTTP between the services). Only the registry's role may write here.
--
-- A key is trusted from the moment its row exists until retire_after (NULL: until a rotation sets
-- it). A rotation publishes the next key minutes before the registry starts signing with it, so
-- every verifier has refreshed by then.

CREATE TABLE auth.verification_keys (
    kid text PRIMARY KEY,
    public_key bytea NOT NULL CHECK (length(public_key) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    retire_after timestamptz NULL
);
