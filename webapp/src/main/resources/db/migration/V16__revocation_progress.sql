-- Grant sync: after a withdrawal succeeded, how far the revocation has got (GrantSync.progress): the
-- vendor's reference of what was withdrawn, the stage (REQUESTED, REVOKED_AT_VENDOR, REACHED_LOCK), until
-- when a key still held could open the lock, the vendor's words, and when to ask again (NULL: done).
ALTER TABLE grant_syncs ADD COLUMN withdrawn_reference VARCHAR(500);
ALTER TABLE grant_syncs ADD COLUMN revocation_stage VARCHAR(20);
ALTER TABLE grant_syncs ADD COLUMN exposed_until BIGINT;
ALTER TABLE grant_syncs ADD COLUMN revocation_detail VARCHAR(1000);
ALTER TABLE grant_syncs ADD COLUMN progress_due_at BIGINT;
ALTER TABLE grant_syncs ADD COLUMN progress_checks INTEGER NOT NULL DEFAULT 0;
