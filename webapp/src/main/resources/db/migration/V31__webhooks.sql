-- Issue #17: signed webhooks with a durable outbox (owned by platform.webhooks).
--
-- webhook_endpoints: where an account wants to hear about events. event_types is a comma-separated list
-- of dotted names (grant.created, …). Secrets are sealed with the master key (SecretBox, purpose
-- webhook:<id>:secret) and stored base64; during a rotation's overlap the previous secret still signs
-- until previous_secret_expires_at. status: HEALTHY, FAILING (repeated failures), DISABLED (days of only
-- failures; the account must enable it again). failing_since: the first failure after the last success.
CREATE TABLE webhook_endpoints (
    id                         VARCHAR(36) PRIMARY KEY,
    account_id                 VARCHAR(36) NOT NULL REFERENCES accounts (id),
    url                        VARCHAR(2000) NOT NULL,
    event_types                VARCHAR(2000) NOT NULL,
    enabled                    BOOLEAN NOT NULL,
    status                     VARCHAR(16) NOT NULL CHECK (status IN ('HEALTHY', 'FAILING', 'DISABLED')),
    secret                     TEXT NOT NULL,
    previous_secret            TEXT,
    previous_secret_expires_at BIGINT,
    consecutive_failures       INTEGER NOT NULL,
    failing_since              BIGINT,
    created_at                 BIGINT NOT NULL,
    updated_at                 BIGINT NOT NULL
);
CREATE INDEX webhook_endpoints_account ON webhook_endpoints (account_id);

-- The outbox: one row per event, written in the transaction of the change that caused it. id is the
-- webhook-id header (msg_ + a time-ordered UUID); resource_key orders deliveries of one resource.
CREATE TABLE webhook_messages (
    id            VARCHAR(64) PRIMARY KEY,
    account_id    VARCHAR(36) NOT NULL REFERENCES accounts (id),
    type          VARCHAR(64) NOT NULL,
    resource_key  VARCHAR(200) NOT NULL,
    payload       TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX webhook_messages_account ON webhook_messages (account_id, created_at);

-- One message to one endpoint. Deliveries of the same endpoint and resource go out in message id order (ids
-- are time-ordered); state PENDING until a 2xx (SUCCEEDED) or the last retry failed (FAILED).
CREATE TABLE webhook_deliveries (
    id                VARCHAR(36) PRIMARY KEY,
    endpoint_id       VARCHAR(36) NOT NULL REFERENCES webhook_endpoints (id),
    message_id        VARCHAR(64) NOT NULL REFERENCES webhook_messages (id),
    account_id        VARCHAR(36) NOT NULL REFERENCES accounts (id),
    resource_key      VARCHAR(200) NOT NULL,
    state             VARCHAR(16) NOT NULL CHECK (state IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    attempts          INTEGER NOT NULL,
    next_attempt_at   BIGINT,
    last_attempt_at   BIGINT,
    last_status_code  INTEGER,
    last_latency_ms   BIGINT,
    last_error        VARCHAR(1000),
    created_at        BIGINT NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);
CREATE INDEX webhook_deliveries_order ON webhook_deliveries (endpoint_id, resource_key, state, message_id);
