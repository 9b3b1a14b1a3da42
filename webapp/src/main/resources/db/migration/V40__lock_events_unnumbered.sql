-- Events without entry number (cloud events) of one lock in the order they occurred: the timeline's
-- second part, read by keyset from a position on. Partial, so numbered events (nearly all) cost nothing
-- extra to ingest.
CREATE INDEX lock_events_unnumbered ON lock_events (lock_id, occurred_at, id) WHERE entry_number IS NULL;
