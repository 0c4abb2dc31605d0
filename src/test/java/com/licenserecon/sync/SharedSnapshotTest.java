package com.licenserecon.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.licenserecon.support.PostgresJobTest;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** The parts of a split statement read the database as it was when the splitting step started. */
class SharedSnapshotTest extends PostgresJobTest {

    @Autowired
    SharedSnapshot sharedSnapshot;

    @Test
    void givenAnExportedSnapshot_whenARowIsCommittedAfterIt_thenAPartDoesNotSeeIt() {
        JobExecution job = MetaDataInstanceFactory.createJobExecution(41L);
        StepExecution splitting = MetaDataInstanceFactory.createStepExecution(job, "reconcileStep", 410L);
        StepExecution part = MetaDataInstanceFactory.createStepExecution(job, "reconcilePartStep:part1", 411L);
        jdbc.sql("CREATE TABLE shared_snapshot_probe (n int)").update();
        var exporter = sharedSnapshot.exporter();
        exporter.beforeStep(splitting);
        try {
            // When a row is committed after the export
            jdbc.sql("INSERT INTO shared_snapshot_probe VALUES (1)").update();

            // Then a part sees the table as it was, and a plain session sees the row
            long seenByPart = sharedSnapshot.inSnapshot(part, "reconcileStep",
                    () -> jdbc.sql("SELECT COUNT(*) FROM shared_snapshot_probe").query(Long.class).single());
            assertThat(seenByPart).isZero();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM shared_snapshot_probe").query(Long.class).single()).isEqualTo(1);
        } finally {
            exporter.afterStep(splitting);
        }
    }

    @Test
    void givenAnExportedSnapshot_whenAPartRuns_thenItPlansWithoutParallelWorkers() {
        JobExecution job = MetaDataInstanceFactory.createJobExecution(43L);
        StepExecution splitting = MetaDataInstanceFactory.createStepExecution(job, "reconcileStep", 430L);
        StepExecution part = MetaDataInstanceFactory.createStepExecution(job, "reconcilePartStep:part0", 431L);
        var exporter = sharedSnapshot.exporter();
        exporter.beforeStep(splitting);
        try {
            // When a part runs
            String inPart = sharedSnapshot.inSnapshot(part, "reconcileStep", () -> jdbc
                    .sql("SELECT current_setting('max_parallel_workers_per_gather')").query(String.class).single());

            // Then its statements get no parallel workers (the server's default gives them two)
            assertThat(inPart).isEqualTo("0");
        } finally {
            exporter.afterStep(splitting);
        }
    }

    @Test
    void givenNoExportedSnapshot_whenAPartStarts_thenItFails() {
        StepExecution part = MetaDataInstanceFactory.createStepExecution(MetaDataInstanceFactory.createJobExecution(42L),
                "reconcilePartStep:part0", 420L);

        assertThatIllegalStateException().isThrownBy(() -> sharedSnapshot.inSnapshot(part, "reconcileStep", () -> 1))
                .withMessageContaining("no snapshot is exported by reconcileStep");
    }
}
