-- Reservations of vehicles (locks of kind VEHICLE) and the commands sent to locks.
--
-- A reservation gives one person (and the tap cards listed with it) a vehicle from begin_at to
-- end_at. Non-cancelled reservations of one vehicle never overlap; the reservation service checks
-- that inside an IMMEDIATE transaction (SQLite cannot express it as a constraint). Permissions,
-- privileges and end-book conditions use the vendor's names (Geotab Keyless: "Unlock",
-- "ResetAtEndOfBooking", "IgnitionOff"), stored comma-separated. When the vehicle's driver keeps
-- reservations as stored keys, vendor_key_id is the vendor's id for it (Geotab's virtualKeyId) and
-- vendor_state says how far storing got: LOCAL (no vendor involved), STORING (the row holds the
-- slot while the vendor is asked; it allows nothing yet), STORED.

CREATE TABLE reservations (
    id                   VARCHAR(36) PRIMARY KEY,
    account_id           VARCHAR(36) NOT NULL REFERENCES accounts (id),
    lock_id              VARCHAR(36) NOT NULL REFERENCES locks (id),
    person_id            VARCHAR(36) NOT NULL REFERENCES people (id),
    begin_at             BIGINT NOT NULL,
    end_at               BIGINT NOT NULL,
    permissions          VARCHAR(200) NOT NULL,
    privileges           VARCHAR(200) NOT NULL,
    end_book_conditions  VARCHAR(200) NOT NULL,
    state                VARCHAR(16) NOT NULL CHECK (state IN ('SCHEDULED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED')),
    vendor_state         VARCHAR(16) NOT NULL CHECK (vendor_state IN ('LOCAL', 'STORING', 'STORED')),
    vendor_key_id        VARCHAR(200),
    created_at           BIGINT NOT NULL,
    created_by           VARCHAR(254) NOT NULL,
    cancelled_at         BIGINT,
    cancelled_by         VARCHAR(254),
    CHECK (begin_at < end_at)
);
-- The overlap check and the access decision look at one vehicle's reservations around an instant.
CREATE INDEX reservations_lock_end ON reservations (lock_id, end_at);
CREATE INDEX reservations_account_begin ON reservations (account_id, begin_at);
CREATE INDEX reservations_person ON reservations (person_id);

CREATE TABLE reservation_cards (
    reservation_id  VARCHAR(36) NOT NULL REFERENCES reservations (id),
    card_id         VARCHAR(36) NOT NULL REFERENCES cards (id),
    PRIMARY KEY (reservation_id, card_id)
);
CREATE INDEX reservation_cards_card ON reservation_cards (card_id);

-- A command sent to a lock through its driver (RemoteCommands), with the driver's answer. options is
-- a JSON object of strings (e.g. {"virtualKeyId": "…"}).
CREATE TABLE lock_commands (
    id                VARCHAR(36) PRIMARY KEY,
    account_id        VARCHAR(36) NOT NULL REFERENCES accounts (id),
    lock_id           VARCHAR(36) NOT NULL REFERENCES locks (id),
    reservation_id    VARCHAR(36) REFERENCES reservations (id),
    type              VARCHAR(24) NOT NULL CHECK (type IN ('LOCK', 'UNLOCK', 'CHECK_IN', 'CHECK_OUT', 'IGNITION_ENABLE',
                                                           'IGNITION_INHIBIT', 'LOCATE')),
    options           TEXT NOT NULL,
    status            VARCHAR(16) NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'FAILED')),
    vendor_reference  VARCHAR(200),
    message           VARCHAR(1000),
    requested_by      VARCHAR(254) NOT NULL,
    requested_at      BIGINT NOT NULL
);
CREATE INDEX lock_commands_lock_requested ON lock_commands (lock_id, requested_at);
