-- The SHA-256 of the provider file a snapshot was imported from: the scheduler never imports the same
-- file twice, even if it was copied into the inbox again or the archive move was interrupted.
ALTER TABLE provider_snapshot ADD COLUMN source_sha256 VARCHAR(64);
CREATE INDEX provider_snapshot_by_digest ON provider_snapshot (source_sha256);

-- Set when the sync that imported the snapshot published its reports: only then is the file done with.
ALTER TABLE provider_snapshot ADD COLUMN completed BOOLEAN NOT NULL DEFAULT FALSE;
