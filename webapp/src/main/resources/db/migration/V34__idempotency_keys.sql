-- Issue #17 item 5 (API conventions): Idempotency-Key on POST.
-- One row per caller (an API token or a phone) and key: the hash of the first request (method, path, query,
-- body) and, once it finished, its answer, replayed for 24 hours. A row is claimed (state IN_PROGRESS)
-- before the request runs, so a concurrent duplicate finds it and is refused instead of running twice.
-- Times are UTC epoch milliseconds.
CREATE TABLE idempotency_keys (
    caller        VARCHAR(200) NOT NULL,
    idem_key      VARCHAR(255) NOT NULL,
    request_hash  VARCHAR(64) NOT NULL,
    state         VARCHAR(20) NOT NULL,
    status        INTEGER,
    content_type  VARCHAR(200),
    location      TEXT,
    body          TEXT,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    PRIMARY KEY (caller, idem_key)
);

CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
