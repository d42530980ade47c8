-- Photos a resident attaches to a concern from the concern page (multipart upload), kept in the
-- database with the concern they belong to, so that a concern and its photos are stored (or refused)
-- in one transaction and served only to those who may see the concern's own side. The type, width and
-- height are what the bytes say (magic bytes and header), never what the client claimed.
CREATE TABLE concerns.concern_photos (
    concern_id bigint NOT NULL REFERENCES concerns.concerns (id) ON DELETE CASCADE,
    -- 1, 2, 3 in upload order: the `{n}` of /concerns/{id}/photos/{n}.
    position smallint NOT NULL CHECK (position BETWEEN 1 AND 3),
    mime text NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
    size integer NOT NULL CHECK (size BETWEEN 1 AND 16777216),
    width integer NOT NULL CHECK (width BETWEEN 1 AND 8000),
    height integer NOT NULL CHECK (height BETWEEN 1 AND 8000),
    sha256 bytea NOT NULL CHECK (length(sha256) = 32),
    bytes bytea NOT NULL CHECK (length(bytes) = size),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (concern_id, position)
);
-- Photos are compressed already: store them out of line without trying to compress them again.
ALTER TABLE concerns.concern_photos ALTER COLUMN bytes SET STORAGE EXTERNAL;
