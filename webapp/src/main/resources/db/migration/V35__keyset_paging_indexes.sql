-- Issue #17 item 5 (API conventions): cursor (keyset) paging of the lists that grow.
-- The API's event list and grant list page by (time, id), newest first; these indexes serve the keyset
-- condition and the order within an account. A lock's timeline pages over lock_events_entry and
-- lock_events_lock_time as before.
CREATE INDEX lock_events_account_keyset ON lock_events (account_id, occurred_at, id);
CREATE INDEX grants_account_keyset ON grants (account_id, created_at, id);
