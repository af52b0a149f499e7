-- A generation that carries on one stopped by a kill or a pause says which.
-- Applied once; never edited after release: later changes are new, higher-numbered scripts.

ALTER TABLE sync_generation ADD COLUMN resumed_from INTEGER;   -- the number of the generation it carries on
