-- Sites, locks, people, cards and grants: the vendor-neutral access model. Every row carries its
-- account; every query filters by it.

CREATE TABLE sites (
    id          VARCHAR(36) PRIMARY KEY,
    account_id  VARCHAR(36) NOT NULL REFERENCES accounts (id),
    name        VARCHAR(100) NOT NULL,
    address     VARCHAR(500),
    time_zone   VARCHAR(64) NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX sites_account_name ON sites (account_id, name);

CREATE TABLE locks (
    id                VARCHAR(36) PRIMARY KEY,
    account_id        VARCHAR(36) NOT NULL REFERENCES accounts (id),
    site_id           VARCHAR(36) NOT NULL REFERENCES sites (id),
    name              VARCHAR(100) NOT NULL,
    kind              VARCHAR(16) NOT NULL CHECK (kind IN ('DOOR', 'VEHICLE', 'BOX', 'CABINET', 'GATE')),
    driver_id         VARCHAR(64),
    vendor_reference  VARCHAR(200),
    state             VARCHAR(24) NOT NULL CHECK (state IN ('PENDING_ENROLMENT', 'ACTIVE', 'DECOMMISSIONED')),
    created_at        BIGINT NOT NULL
);
CREATE INDEX locks_account_name ON locks (account_id, name);
CREATE INDEX locks_site ON locks (site_id);
CREATE UNIQUE INDEX locks_vendor_reference ON locks (account_id, driver_id, vendor_reference);

CREATE TABLE people (
    id          VARCHAR(36) PRIMARY KEY,
    account_id  VARCHAR(36) NOT NULL REFERENCES accounts (id),
    name        VARCHAR(200) NOT NULL,
    email       VARCHAR(254),
    phone       VARCHAR(20),
    notes       VARCHAR(2000),
    created_at  BIGINT NOT NULL,
    CHECK (email IS NOT NULL OR phone IS NOT NULL)
);
CREATE INDEX people_account_name ON people (account_id, name);
CREATE UNIQUE INDEX people_account_email ON people (account_id, email);
CREATE INDEX people_account_phone ON people (account_id, phone);

CREATE TABLE cards (
    id             VARCHAR(36) PRIMARY KEY,
    account_id     VARCHAR(36) NOT NULL REFERENCES accounts (id),
    card_type      VARCHAR(24) NOT NULL CHECK (card_type IN ('GEOTAB_TAPCARD', 'GENERIC_NFC')),
    serial_number  VARCHAR(32) NOT NULL,
    person_id      VARCHAR(36) REFERENCES people (id),
    label          VARCHAR(100),
    state          VARCHAR(16) NOT NULL CHECK (state IN ('ACTIVE', 'LOST', 'RETIRED')),
    created_at     BIGINT NOT NULL
);
CREATE UNIQUE INDEX cards_account_serial ON cards (account_id, serial_number);
CREATE INDEX cards_person ON cards (person_id);

CREATE TABLE grants (
    id                 VARCHAR(36) PRIMARY KEY,
    account_id         VARCHAR(36) NOT NULL REFERENCES accounts (id),
    person_id          VARCHAR(36) REFERENCES people (id),
    card_id            VARCHAR(36) REFERENCES cards (id),
    lock_id            VARCHAR(36) REFERENCES locks (id),
    site_id            VARCHAR(36) REFERENCES sites (id),
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
    CHECK ((person_id IS NULL) <> (card_id IS NULL)),
    CHECK ((lock_id IS NULL) <> (site_id IS NULL))
);
CREATE INDEX grants_account_created ON grants (account_id, created_at);
CREATE INDEX grants_person ON grants (person_id);
CREATE INDEX grants_card ON grants (card_id);
CREATE INDEX grants_lock ON grants (lock_id);
CREATE INDEX grants_site ON grants (site_id);
