-- The analytics service's projection of the registry's accounts (`account.changed`), from which a sign-in
-- token's role and scope are resolved on each request (with residents and household_heads), never
-- taken from the token. A row keeps the revision it was built from; an older event changes nothing.
CREATE TABLE analytics.accounts (
    id bigint PRIMARY KEY,
    kind text NOT NULL,
    status text NOT NULL,
    resident_id bigint,
    -- The posts held now: their kinds, and the area and compound ids they name.
    post_kinds text[] NOT NULL DEFAULT '{}',
    area_ids bigint[] NOT NULL DEFAULT '{}',
    compound_ids bigint[] NOT NULL DEFAULT '{}',
    revision integer NOT NULL
);
