-- Lock discovery (LockDiscovery capability, e.g. Tapkey's bound locks): per connection, where imported
-- locks go and how the last discovery went. Owned by drivers.discovery.
CREATE TABLE lock_discoveries (
    connection_id   VARCHAR(36) PRIMARY KEY,
    account_id      VARCHAR(36) NOT NULL REFERENCES accounts (id),
    site_id         VARCHAR(36),
    last_attempt_at BIGINT,
    last_success_at BIGINT,
    last_error      VARCHAR(2000),
    locks_found     INTEGER
);

-- What the vendor says of each lock a discovery found: its human id, model and facts, when it was last
-- listed, and since when it is missing from the vendor's list (the lock is marked, never deleted).
-- deleted_at: someone deleted the Portier lock; discovery does not import it again.
CREATE TABLE discovered_locks (
    lock_id           VARCHAR(36) PRIMARY KEY,
    account_id        VARCHAR(36) NOT NULL REFERENCES accounts (id),
    connection_id     VARCHAR(36) NOT NULL,
    vendor_reference  VARCHAR(200) NOT NULL,
    display_reference VARCHAR(200),
    model             VARCHAR(200),
    facts             TEXT NOT NULL,
    first_seen_at     BIGINT NOT NULL,
    last_seen_at      BIGINT NOT NULL,
    missing_since     BIGINT,
    deleted_at        BIGINT
);
CREATE INDEX discovered_locks_connection ON discovered_locks (connection_id);
