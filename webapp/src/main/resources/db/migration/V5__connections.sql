-- Connections: per account, one configured instance of a plugin's driver (a vendor tenant, a
-- controller). Only the non-secret settings live here, as a JSON object of strings; secret settings
-- are sealed in the secrets table (V4) under the connection's id and never appear in this row.

CREATE TABLE connections (
    id          VARCHAR(36) PRIMARY KEY,
    account_id  VARCHAR(36) NOT NULL REFERENCES accounts (id),
    name        VARCHAR(100) NOT NULL,
    driver_id   VARCHAR(64) NOT NULL,
    settings    TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    created_by  VARCHAR(254) NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX connections_account_name ON connections (account_id, name);
CREATE UNIQUE INDEX connections_account_unique_name ON connections (account_id, name);

-- A lock may belong to one connection (its driver instance). Nullable: locks entered by hand have none.
ALTER TABLE locks ADD COLUMN connection_id VARCHAR(36) REFERENCES connections (id);
CREATE INDEX locks_connection ON locks (connection_id);
