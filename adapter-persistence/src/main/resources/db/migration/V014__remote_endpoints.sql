-- Endpoints on other hosts (issue 15, ADR 0039): a conduit's endpoint may be on a host reached over ssh, and this
-- library keeps a copy of such a root's index as a location of that host and root.
-- Both tables are rebuilt (SQLite cannot drop a UNIQUE constraint): the migrator runs this script with foreign keys
-- off, checks them before it commits, and turns them on again.
-- Applied once; never edited after release: later changes are new, higher-numbered scripts.

-- Locations: '' is this machine; a remote host as [user@]host[:port]. The same path here and on a host are two.
CREATE TABLE location_new (
    id                   INTEGER PRIMARY KEY,
    host                 TEXT    NOT NULL DEFAULT '',
    root                 TEXT    NOT NULL,
    device               TEXT    NOT NULL,
    root_file_key        TEXT    NOT NULL,
    registered_at        INTEGER NOT NULL,            -- epoch milliseconds
    last_scanned_at      INTEGER,                     -- epoch milliseconds of the last completed scan
    fs_device            TEXT,
    fs_mtime_granularity TEXT,
    fs_permissions       INTEGER,
    fs_symlinks          INTEGER,
    fs_hard_links        INTEGER,
    fs_case_sensitive    INTEGER,
    fs_user_xattrs       INTEGER,
    journal_position     INTEGER NOT NULL DEFAULT 0,
    peer_library         TEXT,                        -- a remote copy: the peer library its last exchange was with
    peer_position        INTEGER,                     -- and how far that library's journal had got; NULL: none yet
    UNIQUE (host, root)
);

INSERT INTO location_new (id, host, root, device, root_file_key, registered_at, last_scanned_at, fs_device,
                          fs_mtime_granularity, fs_permissions, fs_symlinks, fs_hard_links, fs_case_sensitive,
                          fs_user_xattrs, journal_position)
SELECT id, '', root, device, root_file_key, registered_at, last_scanned_at, fs_device, fs_mtime_granularity,
       fs_permissions, fs_symlinks, fs_hard_links, fs_case_sensitive, fs_user_xattrs, journal_position
FROM location;

DROP TABLE location;
ALTER TABLE location_new RENAME TO location;

-- Conduits: the host of each endpoint ('' for this machine) and how a remote one is reached.
CREATE TABLE conduit_new (
    id                 INTEGER PRIMARY KEY,
    name               TEXT    NOT NULL UNIQUE,
    source_host        TEXT    NOT NULL DEFAULT '',
    source_root        TEXT    NOT NULL,
    source_device      TEXT    NOT NULL,
    source_file_key    TEXT    NOT NULL,
    target_host        TEXT    NOT NULL DEFAULT '',
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
    ssh_command        TEXT,                      -- --ssh as given; NULL: $CONDUIT_SSH when it runs, else ssh
    remote_conduit     TEXT    NOT NULL DEFAULT 'conduit',              -- --remote-conduit
    enabled            INTEGER NOT NULL,
    paused_because     TEXT,                      -- why syncing stopped on its own; NULL while it may sync
    created_at         INTEGER NOT NULL,          -- epoch milliseconds
    total_syncs        INTEGER NOT NULL DEFAULT 0,
    files_synced       INTEGER NOT NULL DEFAULT 0,
    bytes_transferred  INTEGER NOT NULL DEFAULT 0,
    last_completed_at  INTEGER,                   -- epoch milliseconds
    last_error         TEXT,
    stop_requested_at  INTEGER,                   -- epoch milliseconds; NULL when none
    UNIQUE (source_host, source_root, target_host, target_root)
);

INSERT INTO conduit_new (id, name, source_root, source_device, source_file_key, target_root, target_device,
                         target_file_key, mode, schedule, conflict_policy, delete_policy, ignore_patterns,
                         read_ignore_files, parallel, bandwidth_limit, enabled, paused_because, created_at,
                         total_syncs, files_synced, bytes_transferred, last_completed_at, last_error,
                         stop_requested_at)
SELECT id, name, source_root, source_device, source_file_key, target_root, target_device, target_file_key, mode,
       schedule, conflict_policy, delete_policy, ignore_patterns, read_ignore_files, parallel, bandwidth_limit,
       enabled, paused_because, created_at, total_syncs, files_synced, bytes_transferred, last_completed_at,
       last_error, stop_requested_at
FROM conduit;

DROP TABLE conduit;
ALTER TABLE conduit_new RENAME TO conduit;
