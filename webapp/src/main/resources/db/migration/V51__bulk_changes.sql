-- Bulk changes (access.bulk): one row per applied bulk change — what was asked, how it ended, and its items
-- (one line per grant created or revoked). RUNNING while a long one works in the background; DONE or FAILED
-- after. The change itself commits in one transaction with the row turning DONE.
CREATE TABLE bulk_changes (
    id              VARCHAR(36) PRIMARY KEY,
    account_id      VARCHAR(36) NOT NULL REFERENCES accounts (id),
    action          VARCHAR(20) NOT NULL,
    summary         VARCHAR(500) NOT NULL,
    state           VARCHAR(10) NOT NULL,
    subjects        INTEGER NOT NULL,
    grants_changed  INTEGER NOT NULL DEFAULT 0,
    items           TEXT,
    error           VARCHAR(1000),
    created_by      VARCHAR(254) NOT NULL,
    created_at      BIGINT NOT NULL,
    finished_at     BIGINT
);
CREATE INDEX bulk_changes_account ON bulk_changes (account_id, created_at);
