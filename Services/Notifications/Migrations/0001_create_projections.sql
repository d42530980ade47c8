-- The notifications service's own projections of other services' data, built from their events.
-- Nothing here is read from another schema: registry and calendar events fill these tables.

CREATE TABLE notify.compounds (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    area_path bigint[] NOT NULL,
    revision integer NOT NULL
);

CREATE TABLE notify.households (
    id bigint PRIMARY KEY,
    compound_id bigint NOT NULL,
    dwelling text NOT NULL,
    dissolved boolean NOT NULL DEFAULT false,
    revision integer NOT NULL
);

CREATE TABLE notify.residents (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    -- Personal data: used only to address SMS, never returned by the API.
    phone text,
    compound_id bigint,
    household_id bigint,
    area_path bigint[] NOT NULL DEFAULT '{}',
    -- false once the resident left the city.
    active boolean NOT NULL DEFAULT true,
    revision integer NOT NULL
);
CREATE INDEX residents_compound ON notify.residents (compound_id) WHERE active;

CREATE TABLE notify.head_assignments (
    id bigint PRIMARY KEY,
    level text NOT NULL,
    resident_id bigint NOT NULL,
    compound_id bigint NOT NULL,
    household_ids bigint[] NOT NULL,
    active boolean NOT NULL
);
CREATE INDEX head_assignments_compound ON notify.head_assignments (compound_id) WHERE active;

CREATE TABLE notify.group_chats (
    id bigint PRIMARY KEY,
    compound_id bigint NOT NULL,
    name text NOT NULL,
    -- The WeCom robot's webhook URL: a secret, never returned in full.
    robot_webhook text,
    revision integer NOT NULL
);
CREATE INDEX group_chats_compound ON notify.group_chats (compound_id);

CREATE TABLE notify.activities (
    id bigint PRIMARY KEY,
    compound_id bigint NOT NULL,
    title text NOT NULL,
    venue text,
    starts_at timestamptz NOT NULL,
    link text NOT NULL,
    revision integer NOT NULL
);

CREATE TABLE notify.registrations (
    id bigint PRIMARY KEY,
    activity_id bigint NOT NULL,
    occurrence_start timestamptz NOT NULL,
    resident_id bigint NOT NULL,
    compound_id bigint NOT NULL,
    status text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled'))
);
CREATE INDEX registrations_activity ON notify.registrations (activity_id, occurrence_start) WHERE status <> 'cancelled';
