-- Jobs are queued when the plan is made and started when their turn comes; a job carrying on the unfinished work of
-- an interrupted or paused one says which. A running sync's progress also says how fast it goes and what it is at.
-- Applied once; never edited after release: later changes are new, higher-numbered scripts.

ALTER TABLE job ADD COLUMN started_at INTEGER;                 -- epoch milliseconds; NULL while queued
ALTER TABLE job ADD COLUMN resumes INTEGER;                    -- id of the earlier job whose work this one carries on

ALTER TABLE sync_generation ADD COLUMN bytes_per_second INTEGER;
ALTER TABLE sync_generation ADD COLUMN current_path TEXT;
