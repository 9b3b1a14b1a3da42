-- Issue #18 (revocation list of 10,000 entries): the list's query reads every revoked, unexpired key of
-- a lock in id order; with its columns in the index, ordered by id, it never visits the table and never
-- sorts. Marking the keys a new version lists (revoked_in) touches only keys not yet listed, instead of
-- every revoked key of the lock again.
CREATE INDEX device_keys_revocable ON device_keys (lock_id, state, id, not_after, issued_at);
CREATE INDEX card_keys_revocable ON card_keys (lock_id, state, id, not_after, issued_at);
DROP INDEX device_keys_lock;
DROP INDEX card_keys_lock;
CREATE INDEX device_keys_unlisted ON device_keys (lock_id, state) WHERE revoked_in IS NULL;
CREATE INDEX card_keys_unlisted ON card_keys (lock_id, state) WHERE revoked_in IS NULL;
