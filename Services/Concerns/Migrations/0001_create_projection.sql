-- What the concerns service knows of the registry: its own projection, built from registry events
-- (compound.changed, household.changed, resident.*, head.*). No foreign keys here: events of
-- different aggregates may arrive in any order, and each row keeps the revision it was built from.

-- Trigram similarity for duplicate suggestions and search (a trusted extension: the schema's owner
-- may create it). Its functions and operators live in this schema and are always called qualified.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA concerns;

CREATE TABLE concerns.compounds (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    area_path bigint[] NOT NULL,
    grid_ids bigint[] NOT NULL DEFAULT '{}',
    has_owners_committee boolean NOT NULL DEFAULT false,
    has_property_company boolean NOT NULL DEFAULT false,
    revision integer NOT NULL
);

CREATE TABLE concerns.households (
    id bigint PRIMARY KEY,
    compound_id bigint NOT NULL,
    area_path bigint[] NOT NULL,
    grid_id bigint,
    building_id bigint,
    dwelling text NOT NULL,
    member_ids bigint[] NOT NULL DEFAULT '{}',
    dissolved boolean NOT NULL DEFAULT false,
    revision integer NOT NULL
);

-- Name and phone (personal data: shown only to staff who cover the concern) follow resident.changed;
-- the placement follows resident.registered and resident.moved, each with its own revision.
CREATE TABLE concerns.residents (
    id bigint PRIMARY KEY,
    name text NOT NULL DEFAULT '',
    phone text,
    revision integer NOT NULL DEFAULT 0,
    compound_id bigint,
    household_id bigint,
    area_path bigint[],
    placement_revision integer NOT NULL DEFAULT 0
);
CREATE INDEX residents_household ON concerns.residents (household_id);

-- The three heads' assignments: a head raises concerns for, and follows, the households listed here
-- while the assignment is current.
CREATE TABLE concerns.head_assignments (
    id bigint PRIMARY KEY,
    level text NOT NULL,
    resident_id bigint NOT NULL,
    compound_id bigint NOT NULL,
    household_ids bigint[] NOT NULL,
    starts_on timestamptz NOT NULL,
    ends_on timestamptz,
    vacated_on timestamptz
);
CREATE INDEX head_assignments_resident ON concerns.head_assignments (resident_id);
