-- Portable SQL (SQLite and PostgreSQL): text ids (UUIDv7), instants as UTC epoch milliseconds.

CREATE TABLE installation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    set_up_at   BIGINT NOT NULL,
    set_up_by   VARCHAR(36) NOT NULL
);

CREATE TABLE accounts (
    id          VARCHAR(36) PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    time_zone   VARCHAR(64) NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE users (
    id                   VARCHAR(36) PRIMARY KEY,
    email                VARCHAR(254) NOT NULL UNIQUE,
    display_name         VARCHAR(100) NOT NULL,
    password_hash        VARCHAR(255) NOT NULL,
    created_at           BIGINT NOT NULL,
    password_changed_at  BIGINT NOT NULL
);

CREATE TABLE memberships (
    account_id  VARCHAR(36) NOT NULL REFERENCES accounts (id),
    user_id     VARCHAR(36) NOT NULL REFERENCES users (id),
    role        VARCHAR(16) NOT NULL CHECK (role IN ('OWNER', 'MANAGER', 'VIEWER')),
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (account_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE sign_in_failures (
    email            VARCHAR(254) PRIMARY KEY,
    failures         INTEGER NOT NULL,
    last_failure_at  BIGINT NOT NULL
);

CREATE TABLE audit_entries (
    id             VARCHAR(36) PRIMARY KEY,
    account_id     VARCHAR(36) REFERENCES accounts (id),
    actor_user_id  VARCHAR(36),
    actor          VARCHAR(254) NOT NULL,
    action         VARCHAR(64) NOT NULL,
    target         VARCHAR(254),
    details        VARCHAR(2000),
    occurred_at    BIGINT NOT NULL
);
CREATE INDEX audit_entries_account_time ON audit_entries (account_id, occurred_at);
