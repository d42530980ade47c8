-- Staff sign-in: OpenID Connect logins under way, and the password fallback's failure count.

-- A login started at `GET /auth/oidc/start` and not yet finished at the callback. Kept here rather
-- than in a cookie: the PKCE verifier and the nonce never leave the registry, any replica can finish
-- a login another started, and a state is used once (the callback deletes its row). Only the
-- state's SHA-256 is kept; a row lives 10 minutes.
CREATE TABLE registry.oidc_logins (
    state_hash bytea PRIMARY KEY,
    nonce text NOT NULL,
    code_verifier text NOT NULL,
    next_path text NOT NULL CHECK (length(next_path) BETWEEN 1 AND 500),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_logins_expires ON registry.oidc_logins (expires_at);

-- Failed password + TOTP sign-ins since the last success: the fifth locks the account 15 minutes
-- (`accounts.locked_until`).
ALTER TABLE registry.staff_credentials ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0;
