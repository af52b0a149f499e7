-- The change journal (issue 13, ADR 0030): a sync can ask a location's index what changed since the position it
-- resolved at, instead of joining every entry.
-- Applied once; never edited after release: later changes are new, higher-numbered scripts.

-- A location's position: moved on by every write of its index (a scan's batch, a job's update, a move of a folder).
ALTER TABLE location ADD COLUMN journal_position INTEGER NOT NULL DEFAULT 0;

-- The position at which an entry was last written: rows written before this script are at 0.
ALTER TABLE entry ADD COLUMN journal_position INTEGER NOT NULL DEFAULT 0;
CREATE INDEX entry_by_journal ON entry (location_id, journal_position);

-- A path removed from a location's index (with everything below it) and the position of that write. Kept until
-- every conduit that reads the location has resolved past it; a path written again keeps its tombstone meanwhile.
CREATE TABLE entry_tombstone (
    location_id      INTEGER NOT NULL REFERENCES location (id) ON DELETE CASCADE,
    path             TEXT    NOT NULL,
    journal_position INTEGER NOT NULL,
    PRIMARY KEY (location_id, path)
) WITHOUT ROWID;

-- The positions of both sides' indexes that a generation resolved: NULL for generations made before this script.
ALTER TABLE sync_generation ADD COLUMN source_position INTEGER;
ALTER TABLE sync_generation ADD COLUMN target_position INTEGER;
