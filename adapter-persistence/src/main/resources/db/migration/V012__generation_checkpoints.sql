-- Where each generation left both sides' change journals (issue 13, ADR 0031): the positions its verification saw
-- after the jobs (the next sync reads the changes after these) and the fingerprint of the settings and file systems
-- its plan depended on. NULL for generations made before this script, and for killed ones: the sync after them
-- resolves whole. (source_position and target_position, from V011, are the positions the plan was resolved at.)
-- Applied once; never edited after release: later changes are new, higher-numbered scripts.
ALTER TABLE sync_generation ADD COLUMN verified_source_position INTEGER;
ALTER TABLE sync_generation ADD COLUMN verified_target_position INTEGER;
ALTER TABLE sync_generation ADD COLUMN settings_fingerprint TEXT;
