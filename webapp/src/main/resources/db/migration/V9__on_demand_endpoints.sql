-- An account's external decision endpoint for on-demand keys (Unloc's check-access contract, with
-- Portier as the platform): at most one per account. The key is sealed by SecretBox (AES-256-GCM with
-- the master key, bound to "account:{id}:on-demand-endpoint:key") and stored as base64 text.

CREATE TABLE on_demand_endpoints (
    account_id   VARCHAR(36) PRIMARY KEY REFERENCES accounts (id),
    url          VARCHAR(2000) NOT NULL,
    header_name  VARCHAR(64) NOT NULL,
    sealed_key   TEXT NOT NULL,
    updated_at   BIGINT NOT NULL,
    updated_by   VARCHAR(200) NOT NULL
);

-- Unloc's check-access finds the lock by (connection, vendor reference) on every request; with only
-- locks_connection, SQLite walks every lock of the connection (see the bench profile's CheckAccessLoad).
CREATE INDEX locks_connection_reference ON locks (connection_id, vendor_reference);
