-- Issue #15 (Geotab Keyless at the vehicle).
-- The key a vehicle's online CheckIn created for a booking (it is not the booking's stored key); the
-- vendor's CheckOutComplete names it when the drive ends.
ALTER TABLE reservations ADD COLUMN check_in_key_id VARCHAR(200);
CREATE INDEX reservations_vendor_key ON reservations (lock_id, vendor_key_id);
CREATE INDEX reservations_check_in_key ON reservations (lock_id, check_in_key_id);

-- Per-vehicle settings Portier hands the vehicle's driver. online_check_in_disabled is Geotab's "Disable Online
-- CheckIn" device parameter; applied says whether the running driver has been told the current value.
CREATE TABLE vehicle_settings (
    lock_id                  VARCHAR(36) PRIMARY KEY REFERENCES locks (id),
    account_id               VARCHAR(36) NOT NULL REFERENCES accounts (id),
    online_check_in_disabled BOOLEAN NOT NULL,
    applied                  BOOLEAN NOT NULL,
    updated_at               BIGINT NOT NULL,
    updated_by               VARCHAR(254) NOT NULL
);
