-- Trust service: phones (devices) enrolled for people, locks enrolled with an identity key, keys issued
-- per grant × device × lock, and the signed revocation list each offline lock gets through phones.

CREATE TABLE device_enrolment_codes (
    code_hash   VARCHAR(64) PRIMARY KEY,
    account_id  VARCHAR(36) NOT NULL REFERENCES accounts (id),
    person_id   VARCHAR(36) NOT NULL REFERENCES people (id),
    created_at  BIGINT NOT NULL,
    created_by  VARCHAR(254) NOT NULL,
    expires_at  BIGINT NOT NULL,
    device_id   VARCHAR(36)
);
CREATE INDEX device_enrolment_codes_person ON device_enrolment_codes (person_id);

CREATE TABLE devices (
    id              VARCHAR(36) PRIMARY KEY,
    account_id      VARCHAR(36) NOT NULL REFERENCES accounts (id),
    person_id       VARCHAR(36) NOT NULL REFERENCES people (id),
    name            VARCHAR(100) NOT NULL,
    signing_key     VARCHAR(64) NOT NULL,
    encryption_key  VARCHAR(64) NOT NULL,
    token_hash      VARCHAR(64) NOT NULL,
    state           VARCHAR(16) NOT NULL CHECK (state IN ('ACTIVE', 'BLOCKED')),
    created_at      BIGINT NOT NULL,
    last_seen_at    BIGINT,
    blocked_at      BIGINT,
    blocked_by      VARCHAR(254)
);
CREATE UNIQUE INDEX devices_token ON devices (token_hash);
CREATE INDEX devices_person ON devices (person_id);

CREATE TABLE lock_enrolments (
    lock_id          VARCHAR(36) PRIMARY KEY REFERENCES locks (id),
    account_id       VARCHAR(36) NOT NULL REFERENCES accounts (id),
    connection_id    VARCHAR(36) NOT NULL REFERENCES connections (id),
    public_key       VARCHAR(64) NOT NULL,
    issuer_key       VARCHAR(64) NOT NULL,
    material         VARCHAR(4000) NOT NULL,
    enrolled_at      BIGINT NOT NULL,
    enrolled_by      VARCHAR(254) NOT NULL
);

CREATE TABLE device_keys (
    id             VARCHAR(36) PRIMARY KEY,
    account_id     VARCHAR(36) NOT NULL REFERENCES accounts (id),
    device_id      VARCHAR(36) NOT NULL REFERENCES devices (id),
    lock_id        VARCHAR(36) NOT NULL REFERENCES locks (id),
    grant_id       VARCHAR(36) NOT NULL REFERENCES grants (id),
    kind           VARCHAR(16) NOT NULL CHECK (kind IN ('PRE_ISSUED', 'ON_DEMAND')),
    fingerprint    VARCHAR(64) NOT NULL,
    not_before     BIGINT NOT NULL,
    not_after      BIGINT NOT NULL,
    issued_at      BIGINT NOT NULL,
    sealed         TEXT NOT NULL,
    state          VARCHAR(16) NOT NULL CHECK (state IN ('ACTIVE', 'SUPERSEDED', 'REVOKED')),
    ended_at       BIGINT,
    end_reason     VARCHAR(200),
    revoked_in     BIGINT
);
CREATE INDEX device_keys_device ON device_keys (device_id, state);
CREATE INDEX device_keys_grant ON device_keys (grant_id, state);
CREATE INDEX device_keys_lock ON device_keys (lock_id, state, not_after);

CREATE TABLE revocation_lists (
    lock_id            VARCHAR(36) PRIMARY KEY REFERENCES locks (id),
    account_id         VARCHAR(36) NOT NULL REFERENCES accounts (id),
    version            BIGINT NOT NULL,
    min_issued_at      BIGINT,
    entries            INTEGER NOT NULL,
    payload            TEXT,
    published_at       BIGINT,
    stale              INTEGER NOT NULL,
    confirmed_version  BIGINT NOT NULL,
    confirmed_at       BIGINT
);
