-- Wrong sign-in codes counted per phone (not per code), so that the fifth wrong code for a phone
-- locks it for 15 minutes however many codes it asked for, and so that an unknown phone counts the
-- same way as a registered one. `locked_until` is '-infinity' while the phone only has failures.
ALTER TABLE registry.phone_locks
    ADD COLUMN failures integer NOT NULL DEFAULT 0,
    ADD COLUMN failures_since timestamptz NOT NULL DEFAULT now();

-- The per-address limit on code requests counts an address's requests of the last hour.
CREATE INDEX sign_in_codes_requested_from ON registry.sign_in_codes (requested_from, created_at) WHERE requested_from IS NOT NULL;
