-- Secrets of connections: what a driver keeps through its SecretStore (vendor tokens, issued
-- certificates) and the host's own signing keys for the connection. Every value is sealed by
-- SecretBox (AES-256-GCM with the master key, bound to "connection:{id}:…:{name}") and stored as
-- base64 text, which ports to PostgreSQL unchanged.
--
-- No foreign key to connections yet: connections arrive with the next issue, which adds the
-- reference (and the deletion of a connection's secrets with it).

CREATE TABLE secrets (
    connection_id  VARCHAR(36) NOT NULL,
    name           VARCHAR(100) NOT NULL,
    ciphertext     TEXT NOT NULL,
    updated_at     BIGINT NOT NULL,
    PRIMARY KEY (connection_id, name)
);
