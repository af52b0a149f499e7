-- A version is recorded in the trash before it is moved there, as pending, and marked stored once it is: a crash
-- between the two leaves a pending record, which the next sync of its conduit (or a trash command) settles by
-- looking for the file in the trash. Versions recorded before this script were all in the trash already.
-- Applied once; never edited after release: later changes are new, higher-numbered scripts.

ALTER TABLE trash_item ADD COLUMN state TEXT NOT NULL DEFAULT 'stored' CHECK (state IN ('pending', 'stored'));
