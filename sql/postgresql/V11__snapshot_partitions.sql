-- PostgreSQL only (H2, the embedded default, keeps the plain tables of V3).
--
-- A night adds a million provider rows and a million result rows. In one table per kind, every row of
-- every kept night sat in the same three B-trees, and COPY spent more than half of the import keeping them
-- up to date, row by row. Now each snapshot has its own partition of provider_subscription and of
-- reconciliation_result, created by the run that fills it: the import loads a partition with no index and
-- no per-row foreign-key check, and indexes it once, by sorting, when it is complete; retention drops a
-- night's partitions instead of deleting its rows. Queries name the snapshot, so they read one partition.
--
-- The rows written before this migration stay where they are, as one partition of each table covering
-- every snapshot id below the boundary recorded here; the application creates per-snapshot partitions
-- only from that boundary on (a run started before the upgrade and restarted after it keeps writing there).

CREATE TABLE snapshot_partitioning (
    partitioned_from BIGINT NOT NULL
);

DO $$
DECLARE
    boundary BIGINT := (SELECT COALESCE(MAX(job_instance_id), 0) + 1 FROM batch_job_instance);
BEGIN
    INSERT INTO snapshot_partitioning (partitioned_from) VALUES (boundary);

    ALTER TABLE provider_subscription RENAME TO provider_subscription_before_partitions;
    CREATE TABLE provider_subscription (LIKE provider_subscription_before_partitions INCLUDING DEFAULTS)
        PARTITION BY RANGE (snapshot_id);
    EXECUTE format('ALTER TABLE provider_subscription ATTACH PARTITION provider_subscription_before_partitions
                    FOR VALUES FROM (MINVALUE) TO (%s)', boundary);

    ALTER TABLE reconciliation_result RENAME TO reconciliation_result_before_partitions;
    CREATE TABLE reconciliation_result (LIKE reconciliation_result_before_partitions INCLUDING DEFAULTS)
        PARTITION BY RANGE (snapshot_id);
    EXECUTE format('ALTER TABLE reconciliation_result ATTACH PARTITION reconciliation_result_before_partitions
                    FOR VALUES FROM (MINVALUE) TO (%s)', boundary);
END
$$;
