-- One row per job, locked (SELECT ... FOR UPDATE) by the process running that job for as long as it runs.
-- A process that dies loses its connection and so its lock: the next run can tell a dead run (STARTED
-- but unlocked, to be recovered and restarted) from a live one (locked, to be left alone).
CREATE TABLE job_run_lock (
    job_name VARCHAR(100) NOT NULL PRIMARY KEY
);
INSERT INTO job_run_lock (job_name) VALUES ('licenseSyncJob');
INSERT INTO job_run_lock (job_name) VALUES ('seatChangeJob');
