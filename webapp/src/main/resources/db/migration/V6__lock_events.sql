-- Lock events: the log of every lock, as its driver, a phone or the API delivered it. A lock numbers
-- its own log (entry_number); each (lock, entry number) is stored once, however often and in
-- whatever order it arrives. Events without a number (cloud events) are stored as they come.
-- occurred_at is the lock's own clock, received_at Portier's; both UTC epoch milliseconds.
-- details is a JSON object of strings. connection_id names the connection that delivered the event
-- (no foreign key: the history outlives a deleted connection).

CREATE TABLE lock_events (
    id             VARCHAR(36) PRIMARY KEY,
    account_id     VARCHAR(36) NOT NULL REFERENCES accounts (id),
    lock_id        VARCHAR(36) NOT NULL REFERENCES locks (id),
    connection_id  VARCHAR(36),
    entry_number   BIGINT CHECK (entry_number >= 1),
    occurred_at    BIGINT NOT NULL,
    received_at    BIGINT NOT NULL,
    type           VARCHAR(64) NOT NULL,
    details        TEXT NOT NULL,
    source         VARCHAR(16) NOT NULL
);
-- Idempotent ingestion: INSERT … ON CONFLICT (lock_id, entry_number) WHERE entry_number IS NOT NULL DO NOTHING.
-- Also the timeline's order and gap detection.
CREATE UNIQUE INDEX lock_events_entry ON lock_events (lock_id, entry_number) WHERE entry_number IS NOT NULL;
-- The timeline's events without entry number, by time; a lock's events in the account-wide list.
CREATE INDEX lock_events_lock_time ON lock_events (lock_id, occurred_at);
-- The account-wide list, newest first, and its type filter.
CREATE INDEX lock_events_account_time ON lock_events (account_id, occurred_at);
CREATE INDEX lock_events_account_type ON lock_events (account_id, type, occurred_at);
