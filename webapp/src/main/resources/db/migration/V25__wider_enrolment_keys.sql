-- A lock's identity and issuer keys may be longer than 64 characters: an ES256 issuer key on a PKCS#11 token
-- is a 65-byte P-256 point (88 characters of Base64). SQLite never enforced the length; PostgreSQL does. The
-- table is rebuilt (the one way SQLite and PostgreSQL both change a column's type).
CREATE TABLE lock_enrolments_3 (
    lock_id          VARCHAR(36) PRIMARY KEY REFERENCES locks (id),
    account_id       VARCHAR(36) NOT NULL REFERENCES accounts (id),
    connection_id    VARCHAR(36) NOT NULL REFERENCES connections (id),
    public_key       VARCHAR(200),
    issuer_key       VARCHAR(200),
    material         VARCHAR(4000) NOT NULL,
    enrolled_at      BIGINT NOT NULL,
    enrolled_by      VARCHAR(254) NOT NULL
);
INSERT INTO lock_enrolments_3 (lock_id, account_id, connection_id, public_key, issuer_key, material, enrolled_at, enrolled_by)
    SELECT lock_id, account_id, connection_id, public_key, issuer_key, material, enrolled_at, enrolled_by FROM lock_enrolments;
DROP TABLE lock_enrolments;
ALTER TABLE lock_enrolments_3 RENAME TO lock_enrolments;
