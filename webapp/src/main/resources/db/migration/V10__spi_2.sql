-- Driver SPI 2.0: what the host now keeps for the capabilities it drives.

-- Grant sync (GrantSync): Portier's desired state per grant × lock × holder ('person:<id>' or
-- 'card:<id>') of a grant-syncing driver, and how far the vendor has followed it. The row is written in
-- the same transaction as the grant change (the outbox); a background worker applies rows that are due
-- (next_attempt_at), withdrawals first, with retries and backoff, and keeps the outcome as the status.
CREATE TABLE grant_syncs (
    grant_id         VARCHAR(36) NOT NULL REFERENCES grants (id),
    lock_id          VARCHAR(36) NOT NULL REFERENCES locks (id),
    holder           VARCHAR(80) NOT NULL,
    account_id       VARCHAR(36) NOT NULL REFERENCES accounts (id),
    connection_id    VARCHAR(36) NOT NULL,
    desired          VARCHAR(8) NOT NULL,
    state            VARCHAR(10) NOT NULL,
    vendor_reference VARCHAR(500),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT,
    last_error       VARCHAR(1000),
    changed_at       BIGINT NOT NULL,
    applied_at       BIGINT,
    PRIMARY KEY (grant_id, lock_id, holder)
);
CREATE INDEX grant_syncs_due ON grant_syncs (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX grant_syncs_account_state ON grant_syncs (account_id, state);

-- Event pulling (EventPulling): one cursor per connection, saved only after the events it covers are
-- durable, with the time of the last pull and its outcome for the Connections page.
CREATE TABLE event_pulls (
    connection_id    VARCHAR(36) PRIMARY KEY,
    account_id       VARCHAR(36) NOT NULL REFERENCES accounts (id),
    cursor           VARCHAR(2000),
    last_pull_at     BIGINT,
    last_success_at  BIGINT,
    last_error       VARCHAR(1000),
    failures         INTEGER NOT NULL DEFAULT 0,
    events_received  BIGINT NOT NULL DEFAULT 0
);

-- Material a driver publishes for phones (PhoneMaterialPublisher): per lock, or for the whole
-- connection (lock_id ''). The host decides which devices may fetch it from current grants.
CREATE TABLE phone_material (
    connection_id VARCHAR(36) NOT NULL,
    lock_id       VARCHAR(36) NOT NULL DEFAULT '',
    name          VARCHAR(100) NOT NULL,
    account_id    VARCHAR(36) NOT NULL REFERENCES accounts (id),
    media_type    VARCHAR(100) NOT NULL,
    content       TEXT NOT NULL,
    expires_at    BIGINT,
    published_at  BIGINT NOT NULL,
    PRIMARY KEY (connection_id, lock_id, name)
);

-- Lock health as drivers report it (LockHealth), with when it was reported.
CREATE TABLE lock_health (
    lock_id          VARCHAR(36) PRIMARY KEY REFERENCES locks (id),
    account_id       VARCHAR(36) NOT NULL REFERENCES accounts (id),
    online           INTEGER,
    battery_percent  INTEGER,
    battery_low      INTEGER NOT NULL,
    last_seen        BIGINT,
    firmware         VARCHAR(100),
    reported_at      BIGINT NOT NULL
);

-- Generic enrolment (LockEnrolment): the driver's named material for a lock; SECRET content is sealed
-- with the master key (SecretBox, bound to the lock and the name), PUBLIC content is base64.
CREATE TABLE enrolment_material (
    lock_id     VARCHAR(36) NOT NULL REFERENCES locks (id),
    name        VARCHAR(100) NOT NULL,
    account_id  VARCHAR(36) NOT NULL REFERENCES accounts (id),
    visibility  VARCHAR(8) NOT NULL,
    media_type  VARCHAR(100) NOT NULL,
    content     TEXT NOT NULL,
    expires_at  BIGINT,
    PRIMARY KEY (lock_id, name)
);

-- An enrolment no longer needs the trust service's identity keys: other drivers enrol with other
-- material (a key certificate, an installer token). The keys stay for drivers that give them.
CREATE TABLE lock_enrolments_2 (
    lock_id          VARCHAR(36) PRIMARY KEY REFERENCES locks (id),
    account_id       VARCHAR(36) NOT NULL REFERENCES accounts (id),
    connection_id    VARCHAR(36) NOT NULL REFERENCES connections (id),
    public_key       VARCHAR(64),
    issuer_key       VARCHAR(64),
    material         VARCHAR(4000) NOT NULL,
    enrolled_at      BIGINT NOT NULL,
    enrolled_by      VARCHAR(254) NOT NULL
);
INSERT INTO lock_enrolments_2 (lock_id, account_id, connection_id, public_key, issuer_key, material, enrolled_at, enrolled_by)
    SELECT lock_id, account_id, connection_id, public_key, issuer_key, material, enrolled_at, enrolled_by FROM lock_enrolments;
DROP TABLE lock_enrolments;
ALTER TABLE lock_enrolments_2 RENAME TO lock_enrolments;
