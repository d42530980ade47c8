-- The calendar's own projection of the registry: compounds, households, residents and heads, built
-- from the registry's events so the calendar can tell who may register whom without calling it.
-- Each row keeps the revision it was built from; an older event arriving late changes nothing.

CREATE TABLE calendar.compounds (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    -- Area ids from the city down to the community.
    area_path bigint[] NOT NULL,
    revision integer NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX compounds_area_path ON calendar.compounds USING gin (area_path);

CREATE TABLE calendar.households (
    id bigint PRIMARY KEY,
    compound_id bigint NOT NULL,
    area_path bigint[] NOT NULL,
    dwelling text NOT NULL,
    member_ids bigint[] NOT NULL DEFAULT '{}',
    dissolved boolean NOT NULL DEFAULT false,
    revision integer NOT NULL
);
CREATE INDEX households_compound ON calendar.households (compound_id);

-- Name and placement come from different events that may arrive in any order, so each keeps its own revision.
CREATE TABLE calendar.residents (
    id bigint PRIMARY KEY,
    name text NOT NULL DEFAULT '',
    -- Personal data: shown only to staff who may see it.
    phone text,
    compound_id bigint,
    household_id bigint,
    area_path bigint[] NOT NULL DEFAULT '{}',
    grid_id bigint,
    building_id bigint,
    name_revision integer NOT NULL DEFAULT 0,
    placement_revision integer NOT NULL DEFAULT 0
);
CREATE INDEX residents_household ON calendar.residents (household_id);
CREATE INDEX residents_compound ON calendar.residents (compound_id);

-- A head's time-bounded assignment to a unit of households; vacated_on is set when it ends.
CREATE TABLE calendar.head_assignments (
    id bigint PRIMARY KEY,
    level text NOT NULL,
    resident_id bigint NOT NULL,
    compound_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    household_ids bigint[] NOT NULL,
    starts_on timestamptz,
    ends_on timestamptz,
    vacated_on timestamptz
);
CREATE INDEX head_assignments_resident ON calendar.head_assignments (resident_id);
