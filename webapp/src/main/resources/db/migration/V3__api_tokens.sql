-- API tokens: bearer credentials of one account for the REST API. Only a SHA-256 hash of the secret
-- is kept; the secret itself is shown once, when the token is created.

CREATE TABLE api_tokens (
    id                  VARCHAR(36) PRIMARY KEY,
    account_id          VARCHAR(36) NOT NULL REFERENCES accounts (id),
    name                VARCHAR(100) NOT NULL,
    role                VARCHAR(16) NOT NULL CHECK (role IN ('MANAGER', 'VIEWER')),
    secret_hash         VARCHAR(64) NOT NULL,
    secret_hint         VARCHAR(16) NOT NULL,
    created_by_user_id  VARCHAR(36) NOT NULL REFERENCES users (id),
    created_by          VARCHAR(254) NOT NULL,
    created_at          BIGINT NOT NULL,
    last_used_at        BIGINT,
    revoked_at          BIGINT,
    revoked_by          VARCHAR(254)
);
CREATE UNIQUE INDEX api_tokens_secret_hash ON api_tokens (secret_hash);
CREATE INDEX api_tokens_account_created ON api_tokens (account_id, created_at);
