-- Material a phone was handed (per-lock phone material, e.g. an InVue key certificate): a copy cannot be
-- taken back from a phone, so once its person no longer holds the lock, the copy is exposed until it
-- expires, or until the connection-wide material it needs (the intermediate certificate) expires.
-- withdrawn_at: the first sync that no longer handed it out (the phone was told to drop it). Owned by
-- drivers.trust (the mobile API).
CREATE TABLE material_deliveries (
    device_id          VARCHAR(36) NOT NULL,
    connection_id      VARCHAR(36) NOT NULL,
    lock_id            VARCHAR(36) NOT NULL,
    name               VARCHAR(100) NOT NULL,
    account_id         VARCHAR(36) NOT NULL REFERENCES accounts (id),
    first_delivered_at BIGINT NOT NULL,
    last_delivered_at  BIGINT NOT NULL,
    expires_at         BIGINT,
    chain_expires_at   BIGINT,
    withdrawn_at       BIGINT,
    PRIMARY KEY (device_id, connection_id, lock_id, name)
);
CREATE INDEX material_deliveries_account ON material_deliveries (account_id, lock_id);

-- Warnings given before a connection's certificate (connection-wide phone material) expires: once per
-- certificate and threshold (30, 7, 1 days ahead). Owned by drivers.connections.
CREATE TABLE certificate_warnings (
    connection_id VARCHAR(36) NOT NULL,
    name          VARCHAR(100) NOT NULL,
    expires_at    BIGINT NOT NULL,
    days_ahead    INTEGER NOT NULL,
    account_id    VARCHAR(36) NOT NULL REFERENCES accounts (id),
    warned_at     BIGINT NOT NULL,
    PRIMARY KEY (connection_id, name, expires_at, days_ahead)
);

-- The last enrolment attempt of a lock that did not enrol it (refused by the driver, or failed), so the
-- lock shows why and what to do next; a successful enrolment removes it. Owned by drivers.trust.
CREATE TABLE enrolment_attempts (
    lock_id       VARCHAR(36) PRIMARY KEY,
    account_id    VARCHAR(36) NOT NULL REFERENCES accounts (id),
    connection_id VARCHAR(36) NOT NULL,
    attempted_at  BIGINT NOT NULL,
    attempted_by  VARCHAR(254) NOT NULL,
    outcome       VARCHAR(16) NOT NULL,
    message       VARCHAR(4000) NOT NULL
);
