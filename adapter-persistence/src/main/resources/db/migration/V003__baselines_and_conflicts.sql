-- Bidirectional conduits: the baseline (each path as both sides agreed on it at the last sync) and the conflicts.
-- Applied once; never edited after release: later changes are new, higher-numbered scripts.

-- The same columns as an index entry, ordered the same way ((parent, name) in byte order), so that the baseline
-- joins both indexes in one streamed pass. Written only for what a sync settled, with its generation.
CREATE TABLE baseline_entry (
    conduit_id   INTEGER NOT NULL REFERENCES conduit (id) ON DELETE CASCADE,
    path         TEXT    NOT NULL,
    parent       TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('FILE', 'DIRECTORY', 'SYMLINK')),
    size         INTEGER NOT NULL CHECK (size >= 0),
    mtime_ns     INTEGER NOT NULL,
    mode         INTEGER NOT NULL,
    file_key     TEXT,                            -- always NULL: a baseline is not one side's inode
    link_target  TEXT,
    content_hash TEXT,
    indexed_at   INTEGER NOT NULL,
    generation   INTEGER NOT NULL,                -- the sync that settled it
    PRIMARY KEY (conduit_id, parent, name)
) WITHOUT ROWID;

CREATE INDEX baseline_by_path ON baseline_entry (conduit_id, path);

-- Every conflict a sync found, and how it was settled; pending ones ('ask') wait for the user's answer.
CREATE TABLE conflict (
    id                 INTEGER PRIMARY KEY,
    conduit_id         INTEGER NOT NULL REFERENCES conduit (id) ON DELETE CASCADE,
    path               TEXT    NOT NULL,
    type               TEXT    NOT NULL CHECK (type IN ('both-modified', 'modified-vs-deleted', 'type-mismatch',
                                                        'both-created')),
    source_version     TEXT    NOT NULL,          -- what each side held, as a fingerprint
    target_version     TEXT    NOT NULL,
    state              TEXT    NOT NULL CHECK (state IN ('pending', 'settled')),
    settlement         TEXT,                      -- how it was settled, in words
    answer             TEXT CHECK (answer IN ('source', 'target', 'both')),   -- the user's, for a pending one
    detected_generation INTEGER NOT NULL,
    detected_at        INTEGER NOT NULL,          -- epoch milliseconds
    settled_generation INTEGER,
    settled_at         INTEGER
);

CREATE UNIQUE INDEX conflict_pending ON conflict (conduit_id, path) WHERE state = 'pending';
CREATE INDEX conflict_by_conduit ON conflict (conduit_id, id);
