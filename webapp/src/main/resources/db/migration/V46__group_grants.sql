-- Issue #20: a group grant is the rule people write once ("Cleaning weekdays": people group Cleaning staff on
-- lock group Common doors). It is materialised as one ordinary row in grants per member person (or card) and
-- member lock (or site), carrying the group grant's id, so that the access decision, vendor sync, keys and
-- revocation lists read grants as before. Owned by domain.grants.
CREATE TABLE group_grants (
    id                 VARCHAR(36) PRIMARY KEY,
    account_id         VARCHAR(36) NOT NULL REFERENCES accounts (id),
    name               VARCHAR(100) NOT NULL,
    person_id          VARCHAR(36) REFERENCES people (id),
    card_id            VARCHAR(36) REFERENCES cards (id),
    people_group_id    VARCHAR(36) REFERENCES people_groups (id),
    lock_id            VARCHAR(36) REFERENCES locks (id),
    site_id            VARCHAR(36) REFERENCES sites (id),
    lock_group_id      VARCHAR(36) REFERENCES lock_groups (id),
    valid_from         BIGINT,
    valid_until        BIGINT,
    schedule           VARCHAR(2000),
    permissions        VARCHAR(64) NOT NULL,
    delivery           VARCHAR(16) NOT NULL CHECK (delivery IN ('PRE_ISSUED', 'ON_DEMAND')),
    on_demand_minutes  INTEGER NOT NULL,
    state              VARCHAR(16) NOT NULL CHECK (state IN ('ACTIVE', 'REVOKED')),
    created_at         BIGINT NOT NULL,
    created_by         VARCHAR(254) NOT NULL,
    revoked_at         BIGINT,
    revoked_by         VARCHAR(254),
    revoke_reason      VARCHAR(500),
    CHECK (people_group_id IS NOT NULL OR lock_group_id IS NOT NULL)
);
CREATE INDEX group_grants_account_created ON group_grants (account_id, created_at, id);
CREATE INDEX group_grants_people_group ON group_grants (people_group_id);
CREATE INDEX group_grants_lock_group ON group_grants (lock_group_id);

ALTER TABLE grants ADD COLUMN group_grant_id VARCHAR(36) REFERENCES group_grants (id);
CREATE INDEX grants_group_grant ON grants (group_grant_id);
