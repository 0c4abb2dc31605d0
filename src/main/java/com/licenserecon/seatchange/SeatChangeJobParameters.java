package com.licenserecon.seatchange;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The parameters of one {@code seatChangeJob} run: the as-of instant and a run number identify it (runs
 * are repeatable: a request decided once is never decided again), the snapshot is the latest accepted one.
 */
public record SeatChangeJobParameters(Instant asOf, long run, long snapshotId, Path reportDir) {

    public static final String AS_OF = "asOf";
    public static final String RUN = "run";
    public static final String AS_OF_DATE = "asOfDate";
    public static final String SNAPSHOT_ID = "snapshotId";
    public static final String REPORT_DIR = "reportDir";

    public SeatChangeJobParameters withRun(long number) {
        return new SeatChangeJobParameters(asOf, number, snapshotId, reportDir);
    }

    public JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addString(AS_OF, asOf.toString(), true)
                .addLong(RUN, run, true)
                .addString(AS_OF_DATE, asOf.atZone(ZoneOffset.UTC).toLocalDate().toString(), false)
                .addLong(SNAPSHOT_ID, snapshotId, false)
                .addString(REPORT_DIR, reportDir.toAbsolutePath().normalize().toString(), false)
                .toJobParameters();
    }

    public static JobParameters identifying(Instant asOf, long run) {
        return new JobParametersBuilder().addString(AS_OF, asOf.toString(), true).addLong(RUN, run, true)
                .toJobParameters();
    }
}
