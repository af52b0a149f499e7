-- Each entry's status change time (ctime), which a rewrite that restores size and modification time still moves:
-- the stale-index guard and the rescan compare it (ADR 0018). NULL where unknown: rows written before this script
-- (the next scan fills them in), and the baseline, which is not one side's file.
-- Applied once; never edited after release: later changes are new, higher-numbered scripts.

ALTER TABLE entry ADD COLUMN ctime_ns INTEGER;
ALTER TABLE baseline_entry ADD COLUMN ctime_ns INTEGER;
