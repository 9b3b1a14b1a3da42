-- Issue #16 item 2 (several instances on one PostgreSQL).
-- Who runs a piece of background work (a connection's schedules, the grant sync, key maintenance, …) and
-- until when: the holder renews every few seconds; once expires_at (epoch milliseconds) has passed, another
-- instance may take the lease over. Unused on SQLite, where one instance holds every lease by itself.
CREATE TABLE leases (
    name       VARCHAR(200) PRIMARY KEY,
    holder     VARCHAR(200) NOT NULL,
    expires_at BIGINT NOT NULL
);
