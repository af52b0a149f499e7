-- The jobs of each sync and their items, recorded as they finish (a batch at a time).
-- Applied once; never edited after release: later changes are new, higher-numbered scripts.

CREATE TABLE job (
    id           INTEGER PRIMARY KEY,
    conduit_id   INTEGER NOT NULL REFERENCES conduit (id) ON DELETE CASCADE,
    generation   INTEGER NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('copy', 'delete')),
    direction    TEXT    NOT NULL CHECK (direction IN ('source-to-target', 'target-to-source')),
    state        TEXT    NOT NULL CHECK (state IN ('queued', 'running', 'paused', 'completed', 'failed',
                                                   'cancelled')),
    created_at   INTEGER NOT NULL,                -- epoch milliseconds
    ended_at     INTEGER
);

CREATE INDEX job_by_generation ON job (conduit_id, generation, id);

CREATE TABLE job_item (
    job_id       INTEGER NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    op           TEXT    NOT NULL,
    path         TEXT    NOT NULL,
    bytes        INTEGER NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('done', 'failed')),
    reason       TEXT,
    PRIMARY KEY (job_id, seq)
) WITHOUT ROWID;
