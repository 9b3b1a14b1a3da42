-- V35's keyset indexes (account_id, occurred_at, id) and (account_id, created_at, id) begin with the whole of
-- V6's lock_events_account_time and V2's grants_account_created: every query those served is served by the
-- longer ones. Each index is one more B-tree written per row — for lock events, on the ingest hot path.
DROP INDEX IF EXISTS lock_events_account_time;
DROP INDEX IF EXISTS grants_account_created;
