-- Issue #20: people groups ("Cleaning staff") and lock groups ("Common doors"), owned by domain.groups.
-- A member row carries the account so that every query can filter by it.
CREATE TABLE people_groups (
    id          VARCHAR(36) PRIMARY KEY,
    account_id  VARCHAR(36) NOT NULL REFERENCES accounts (id),
    name        VARCHAR(100) NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX people_groups_account_name ON people_groups (account_id, name);

CREATE TABLE people_group_members (
    group_id    VARCHAR(36) NOT NULL REFERENCES people_groups (id),
    person_id   VARCHAR(36) NOT NULL REFERENCES people (id),
    account_id  VARCHAR(36) NOT NULL REFERENCES accounts (id),
    added_at    BIGINT NOT NULL,
    PRIMARY KEY (group_id, person_id)
);
CREATE INDEX people_group_members_person ON people_group_members (person_id, account_id);

CREATE TABLE lock_groups (
    id          VARCHAR(36) PRIMARY KEY,
    account_id  VARCHAR(36) NOT NULL REFERENCES accounts (id),
    name        VARCHAR(100) NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX lock_groups_account_name ON lock_groups (account_id, name);

CREATE TABLE lock_group_members (
    group_id    VARCHAR(36) NOT NULL REFERENCES lock_groups (id),
    lock_id     VARCHAR(36) NOT NULL REFERENCES locks (id),
    account_id  VARCHAR(36) NOT NULL REFERENCES accounts (id),
    added_at    BIGINT NOT NULL,
    PRIMARY KEY (group_id, lock_id)
);
CREATE INDEX lock_group_members_lock ON lock_group_members (lock_id, account_id);
