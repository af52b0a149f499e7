-- Conduits, their generations (one per sync) and the trash.
-- Applied once; never edited after release: later changes are new, higher-numbered scripts.

CREATE TABLE conduit (
    id                 INTEGER PRIMARY KEY,
    name               TEXT    NOT NULL UNIQUE,
    source_root        TEXT    NOT NULL,
    source_device      TEXT    NOT NULL,
    source_file_key    TEXT    NOT NULL,
    target_root        TEXT    NOT NULL,
    target_device      TEXT    NOT NULL,
    target_file_key    TEXT    NOT NULL,
    mode               TEXT    NOT NULL,          -- mirror | bidirectional
    schedule           TEXT    NOT NULL,          -- manual | instant | interval:<N><s|m|h|d>
    conflict_policy    TEXT    NOT NULL,
    delete_policy      TEXT    NOT NULL,          -- trash | permanent
    ignore_patterns    TEXT    NOT NULL,          -- one pattern per line
    read_ignore_files  INTEGER NOT NULL,
    parallel           INTEGER NOT NULL CHECK (parallel >= 1),
    bandwidth_limit    INTEGER NOT NULL CHECK (bandwidth_limit >= 0),   -- bytes per second, 0 = none
    enabled            INTEGER NOT NULL,
    paused_because     TEXT,                      -- why syncing stopped on its own; NULL while it may sync
    created_at         INTEGER NOT NULL,          -- epoch milliseconds
    total_syncs        INTEGER NOT NULL DEFAULT 0,
    files_synced       INTEGER NOT NULL DEFAULT 0,
    bytes_transferred  INTEGER NOT NULL DEFAULT 0,
    last_completed_at  INTEGER,                   -- epoch milliseconds
    last_error         TEXT,
    UNIQUE (source_root, target_root)
);

CREATE TABLE sync_generation (
    conduit_id         INTEGER NOT NULL REFERENCES conduit (id) ON DELETE CASCADE,
    number             INTEGER NOT NULL CHECK (number >= 1),
    started_at         INTEGER NOT NULL,          -- epoch milliseconds
    completed_at       INTEGER,
    files_copied       INTEGER NOT NULL DEFAULT 0,
    files_deleted      INTEGER NOT NULL DEFAULT 0,
    conflicts          INTEGER NOT NULL DEFAULT 0,
    bytes_transferred  INTEGER NOT NULL DEFAULT 0,
    errors             INTEGER NOT NULL DEFAULT 0,
    verification       TEXT    NOT NULL,          -- pending | verified | failed:<reason>
    phase              TEXT,                      -- progress of a running sync, for status
    files_done         INTEGER,
    files_total        INTEGER,
    bytes_done         INTEGER,
    bytes_total        INTEGER,
    progress_at        INTEGER,
    PRIMARY KEY (conduit_id, number)
);

CREATE TABLE trash_item (
    id           INTEGER PRIMARY KEY,
    conduit_id   INTEGER REFERENCES conduit (id) ON DELETE SET NULL,   -- the versions outlive their conduit
    generation   INTEGER NOT NULL,
    side         TEXT    NOT NULL CHECK (side IN ('source', 'target')),
    path         TEXT    NOT NULL,                -- relative to the conduit's root
    original_at  TEXT    NOT NULL,                -- absolute path it was trashed from
    kind         TEXT    NOT NULL CHECK (kind IN ('FILE', 'DIRECTORY', 'SYMLINK')),
    reason       TEXT    NOT NULL CHECK (reason IN ('deleted', 'overwritten', 'conflict-loser')),
    size         INTEGER NOT NULL,
    trashed_at   INTEGER NOT NULL,                -- epoch milliseconds
    stored_at    TEXT    NOT NULL UNIQUE          -- absolute path of the version in the trash
);

CREATE INDEX trash_by_conduit ON trash_item (conduit_id, trashed_at);
CREATE INDEX trash_by_age ON trash_item (trashed_at);
