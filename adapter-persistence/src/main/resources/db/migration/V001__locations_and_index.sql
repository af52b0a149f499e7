-- Locations (indexed roots) and their index entries.
-- Applied once; never edited after release: later changes are new, higher-numbered scripts.

CREATE TABLE location (
    id              INTEGER PRIMARY KEY,
    root            TEXT    NOT NULL UNIQUE,
    device          TEXT    NOT NULL,
    root_file_key   TEXT    NOT NULL,
    registered_at   INTEGER NOT NULL,            -- epoch milliseconds
    last_scanned_at INTEGER                      -- epoch milliseconds of the last completed scan
);

CREATE TABLE entry (
    id           INTEGER PRIMARY KEY,
    location_id  INTEGER NOT NULL REFERENCES location (id) ON DELETE CASCADE,
    path         TEXT    NOT NULL,               -- '/'-separated, relative to the root, spelled as on disk
    parent       TEXT    NOT NULL,               -- '' for entries at the root
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('FILE', 'DIRECTORY', 'SYMLINK')),
    size         INTEGER NOT NULL CHECK (size >= 0),
    mtime_ns     INTEGER NOT NULL,               -- nanoseconds since the epoch, as the file system gives it
    mode         INTEGER NOT NULL,               -- POSIX permission bits (07777)
    file_key     TEXT,                           -- device and inode
    link_target  TEXT,                           -- symlinks only
    content_hash TEXT,                           -- files only; NULL when unknown
    indexed_at   INTEGER NOT NULL,               -- nanoseconds since the epoch
    UNIQUE (location_id, path)
);

CREATE INDEX entry_by_parent ON entry (location_id, parent, name);
CREATE INDEX entry_by_hash ON entry (location_id, content_hash) WHERE content_hash IS NOT NULL;

CREATE TABLE library_setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO library_setting (key, value) VALUES ('hash_algorithm', 'SHA-256');
