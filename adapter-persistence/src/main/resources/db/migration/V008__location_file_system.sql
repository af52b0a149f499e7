-- What each location's root's file system can hold, as probed once per device: all NULL until it is probed.
-- Applied once; never edited after release: later changes are new, higher-numbered scripts.

ALTER TABLE location ADD COLUMN fs_device TEXT;                -- the device the root was on when probed
ALTER TABLE location ADD COLUMN fs_mtime_granularity TEXT;     -- nanosecond | microsecond | millisecond | second | two_seconds
ALTER TABLE location ADD COLUMN fs_permissions INTEGER;        -- 1 when POSIX permission bits persist
ALTER TABLE location ADD COLUMN fs_symlinks INTEGER;           -- 1 when symbolic links can be made
ALTER TABLE location ADD COLUMN fs_hard_links INTEGER;         -- 1 when hard links can be made
ALTER TABLE location ADD COLUMN fs_case_sensitive INTEGER;     -- 1 when names that differ in case are different files
ALTER TABLE location ADD COLUMN fs_user_xattrs INTEGER;        -- 1 when user. extended attributes are kept
