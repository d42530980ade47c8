-- Rate-limit counters every replica of every service shares: one row per key and fixed window.
-- Unlogged: a counter is not worth a synchronous WAL flush per request, and after a crash the
-- counts start again from zero (the limits are a brake, not a record). Old windows are deleted by
-- each service's RateLimitJanitor.

CREATE UNLOGGED TABLE limits.windows (
    key text NOT NULL,
    starts_at timestamptz NOT NULL,
    hits integer NOT NULL,
    PRIMARY KEY (key, starts_at)
);
CREATE INDEX windows_starts_at ON limits.windows (starts_at);
