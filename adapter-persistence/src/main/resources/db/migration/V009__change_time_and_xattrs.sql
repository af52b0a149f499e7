-- Extended attributes (user.*) as a fingerprint, and the change time that says when to read them again.
-- Applied once; never edited after release: later changes are new, higher-numbered scripts.

-- ctime_ns: nanoseconds since the epoch, as the file system gives it; 0 when unknown (rows made before this script,
-- and every baseline row: a baseline is not one side's inode). The next scan reads the attributes of such rows.
-- xattrs: NULL when unknown (a file system without them, a symbolic link), '' for none, else the fingerprint.
ALTER TABLE entry ADD COLUMN ctime_ns INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entry ADD COLUMN xattrs TEXT;
ALTER TABLE baseline_entry ADD COLUMN ctime_ns INTEGER NOT NULL DEFAULT 0;
ALTER TABLE baseline_entry ADD COLUMN xattrs TEXT;
