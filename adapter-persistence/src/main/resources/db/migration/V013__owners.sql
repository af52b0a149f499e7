-- Owner and group of every entry (issue 16, ADR 0040): a sync that runs as root keeps them as rsync -a does.
-- Applied once; never edited after release: later changes are new, higher-numbered scripts.

-- uid, gid: the numeric ids an lstat gave (the bits of a uid_t / gid_t, read as a signed 32-bit number); NULL when
-- unknown: rows made before this script, which the next scan fills in without that counting as a change.
ALTER TABLE entry ADD COLUMN uid INTEGER;
ALTER TABLE entry ADD COLUMN gid INTEGER;
ALTER TABLE baseline_entry ADD COLUMN uid INTEGER;
ALTER TABLE baseline_entry ADD COLUMN gid INTEGER;
