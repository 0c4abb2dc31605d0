package com.licenserecon.sync;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The parameters of one {@code licenseSyncJob} run ({@code providerFile} null: Partner Center's API). The as-of date and the rerun number identify the
 * job instance, so a night runs once unless asked again; the rest may change when a failed run is
 * repeated (a corrected path, another report folder).
 */
public record SyncJobParameters(Instant asOf, long rerun, Path providerFile, Path reportDir, boolean acceptShrink) {

    public static final String AS_OF_DATE = "asOfDate";
    public static final String RERUN = "rerun";
    public static final String AS_OF = "asOf";
    public static final String PROVIDER_FILE = "providerFile";
    public static final String REPORT_DIR = "reportDir";
    public static final String ACCEPT_SHRINK = "acceptShrink";

    public SyncJobParameters(Instant asOf, long rerun, Path providerFile, Path reportDir) {
        this(asOf, rerun, providerFile, reportDir, false);
    }

    public LocalDate asOfDate() {
        return asOf.atZone(ZoneOffset.UTC).toLocalDate();
    }

    public SyncJobParameters withRerun(long number) {
        return new SyncJobParameters(asOf, number, providerFile, reportDir, acceptShrink);
    }

    public JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addString(AS_OF_DATE, asOfDate().toString(), true)
                .addLong(RERUN, rerun, true)
                .addString(AS_OF, asOf.toString(), false)
                .addString(PROVIDER_FILE, providerFile == null ? com.licenserecon.provider.ProviderSources.PARTNER_CENTER
                        : providerFile.toAbsolutePath().normalize().toString(), false)
                .addString(REPORT_DIR, reportDir.toAbsolutePath().normalize().toString(), false)
                .addString(ACCEPT_SHRINK, Boolean.toString(acceptShrink), false)
                .toJobParameters();
    }

    public static JobParameters identifying(LocalDate asOfDate, long rerun) {
        return new JobParametersBuilder()
                .addString(AS_OF_DATE, asOfDate.toString(), true)
                .addLong(RERUN, rerun, true)
                .toJobParameters();
    }
}
