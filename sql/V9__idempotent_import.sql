-- A restarted import may offer a row again (a stop between a chunk's write and the reader's saved
-- position); the writer then skips what is already there instead of failing or duplicating it.
ALTER TABLE provider_reject ADD CONSTRAINT provider_reject_once UNIQUE (snapshot_id, line_number, column_name);
