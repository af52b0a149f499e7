-- A request to pause a running sync (conduit pause), read by the sync between files.
-- Applied once; never edited after release: later changes are new, higher-numbered scripts.

ALTER TABLE conduit ADD COLUMN stop_requested_at INTEGER;      -- epoch milliseconds; NULL when none
