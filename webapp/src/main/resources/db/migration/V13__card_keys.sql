-- Card keys: the trust service's keys for cards, per grant × card × lock, where the lock's driver issues
-- keys to cards (KeyIssuing.holders() has CARD). Same lifecycle as device keys (renewed, re-issued on
-- change, revoked onto the lock's revocation list); an encoder or integrator fetches the credentials of
-- a card's active keys (GET /api/v1/cards/{id}/keys) to write them onto the card. The credential is
-- sealed with the master key (SecretBox, bound to the key id), base64.
CREATE TABLE card_keys (
    id             VARCHAR(36) PRIMARY KEY,
    account_id     VARCHAR(36) NOT NULL REFERENCES accounts (id),
    card_id        VARCHAR(36) NOT NULL REFERENCES cards (id),
    lock_id        VARCHAR(36) NOT NULL REFERENCES locks (id),
    grant_id       VARCHAR(36) NOT NULL REFERENCES grants (id),
    fingerprint    VARCHAR(64) NOT NULL,
    not_before     BIGINT NOT NULL,
    not_after      BIGINT NOT NULL,
    issued_at      BIGINT NOT NULL,
    format         VARCHAR(64) NOT NULL,
    sealed         TEXT NOT NULL,
    state          VARCHAR(16) NOT NULL CHECK (state IN ('ACTIVE', 'SUPERSEDED', 'REVOKED')),
    ended_at       BIGINT,
    end_reason     VARCHAR(200),
    revoked_in     BIGINT
);
CREATE INDEX card_keys_card ON card_keys (card_id, state);
CREATE INDEX card_keys_grant ON card_keys (grant_id, state);
CREATE INDEX card_keys_lock ON card_keys (lock_id, state, not_after);
