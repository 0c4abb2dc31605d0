package com.licenserecon.sync;

import com.licenserecon.provider.FileDigest;
import com.licenserecon.provider.ProviderSources;
import com.licenserecon.provider.ProviderRow;
import com.licenserecon.provider.ProviderRowWriter;
import com.licenserecon.provider.ProviderSnapshotStore;
import com.licenserecon.reconcile.ReconciliationQuery;
import com.licenserecon.reconcile.ReconciliationResultStore;
import com.licenserecon.report.CopyReports;
import com.licenserecon.report.ReconciliationReport;
import com.licenserecon.report.RejectsReport;
import com.licenserecon.report.ReportFiles;
import com.licenserecon.report.ReportSteps;
import com.licenserecon.report.SummaryReport;
import com.licenserecon.schedule.RunningJobs;
import com.licenserecon.seatchange.SeatChangeJobConfiguration;
import com.licenserecon.seatchange.SubscriptionSeats;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code licenseSyncJob}: import the provider file as the run's snapshot, reconcile it against the CT
 * license records in the database, and publish the reports. Reports are staged and renamed only by the
 * last step, so a run that fails anywhere publishes no reconciliation.
 */
@Configuration
public class LicenseSyncJobConfiguration {

    public static final String JOB_NAME = "licenseSyncJob";
    private static final String SNAPSHOT_ID = "#{stepExecution.jobExecution.jobInstanceId}";

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final DataSource dataSource;
    private final SyncProperties properties;
    private final ReportSteps reports;

    public LicenseSyncJobConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            DataSource dataSource, SyncProperties properties, ReportSteps reports) {
        this.reports = reports;
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @Bean
    public Job licenseSyncJob(Step providerImportStep, Step duplicateSubscriptionStep, Step rejectsStep,
            Step rejectGateStep, Step seatChangeRecoveryStep, Step seatChangeStep, Step reconcileStep,
            Step reconcileAttachStep, Step resultsIndexStep, Step reconciliationReportStep, Step seatChangeReportStep,
            Step renewalWindowsReportStep, Step summaryReportStep, Step publishReportsStep, RunningJobs runningJobs) {
        // Seat changes come right after the import, so the reconciliation shows the quantities they left.
        // The reports then run as two parallel flows, one database session each, so on two cores they take
        // about as long as the longer one.
        Flow reconciliationReports = new FlowBuilder<Flow>("reconciliationReportsFlow")
                .start(resultsIndexStep).next(reconciliationReportStep).next(summaryReportStep).build();
        Flow seatChangeReports = new FlowBuilder<Flow>("seatChangeReportsFlow")
                .start(seatChangeReportStep).next(renewalWindowsReportStep).build();
        Flow reports = new FlowBuilder<SimpleFlow>("syncReportsFlow")
                .split(reportThreads()).add(reconciliationReports, seatChangeReports).build();
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(runningJobs)
                .flow(providerImportStep)
                .next(duplicateSubscriptionStep)
                .next(rejectsStep)
                .next(rejectGateStep)
                .next(seatChangeRecoveryStep)
                .next(seatChangeStep)
                .next(reconcileStep)
                .next(reconcileAttachStep)
                .next(reports)
                .next(publishReportsStep)
                .end()
                .build();
    }

    /** One thread per report flow; the steps before and after run on the launching thread. */
    private static TaskExecutor reportThreads() {
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("sync-reports-");
        threads.setConcurrencyLimit(2);
        return threads;
    }

    // --- 1. provider import: a restartable chunk step; a restart resumes after the last committed chunk.

    /** The run's provider source: the provider file, or Partner Center's API. */
    @Bean
    @StepScope
    public ItemStreamReader<ProviderRow> providerReader(@Value("#{jobParameters['providerFile']}") String providerFile,
            @Value(SNAPSHOT_ID) long snapshotId, ProviderSources sources) {
        return sources.reader(providerFile, snapshotId);
    }

    @Bean
    @StepScope
    public ProviderRowWriter providerRowWriter(@Value(SNAPSHOT_ID) long snapshotId) {
        return new ProviderRowWriter(dataSource, snapshotId);
    }

    @Bean
    public Step providerImportStep(ItemStreamReader<ProviderRow> providerReader, ProviderRowWriter providerRowWriter,
            ProviderSnapshotStore snapshots, SnapshotPartitions partitions, Clock clock) {
        return new StepBuilder("providerImportStep", jobRepository)
                .<ProviderRow, ProviderRow>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(providerReader)
                .writer(providerRowWriter)
                .listener(new StepExecutionListener() {
                    @Override
                    public void beforeStep(StepExecution step) {
                        var params = step.getJobExecution().getJobParameters();
                        String file = params.getString(SyncJobParameters.PROVIDER_FILE);
                        long snapshotId = step.getJobExecution().getJobInstanceId();
                        boolean isFile = !ProviderSources.PARTNER_CENTER.equals(file);
                        snapshots.createIfAbsent(snapshotId, Instant.parse(params.getString(SyncJobParameters.AS_OF)), file,
                                isFile && java.nio.file.Files.isRegularFile(Path.of(file)) ? FileDigest.sha256(Path.of(file)) : null,
                                clock.instant());
                        partitions.create(SnapshotPartitions.PROVIDER, snapshotId);
                        if (!isFile) {
                            // The API source reads everything again on a restart.
                            snapshots.deleteRows(snapshotId);
                        }
                    }
                })
                .build();
    }

    @Bean
    public Step duplicateSubscriptionStep(ProviderSnapshotStore snapshots, SnapshotPartitions partitions,
            TableStatistics statistics) {
        return new StepBuilder("duplicateSubscriptionStep", jobRepository)
                .tasklet((contribution, context) -> {
                    long snapshotId = context.getStepContext().getStepExecution().getJobExecution().getJobInstanceId();
                    // The snapshot is complete: index it now, one sort per index, rather than row by row during
                    // the load. The unique index by id is also the check for repeated subscription ids: only a
                    // file that repeats one pays for finding its lines. (import-ct refreshes ct_license's statistics.)
                    if (!partitions.indexUniqueSubscriptions(snapshotId)) {
                        contribution.incrementWriteCount(snapshots.rejectDuplicateSubscriptions(snapshotId));
                        if (!partitions.indexUniqueSubscriptions(snapshotId) && partitions.hasOwnPartitions(snapshotId)) {
                            throw new IllegalStateException("snapshot " + snapshotId
                                    + " still repeats a subscription id after its repeated lines were rejected");
                        }
                    }
                    partitions.index(SnapshotPartitions.PROVIDER, snapshotId);
                    partitions.analyze(SnapshotPartitions.PROVIDER, snapshotId);
                    statistics.refresh("provider_reject");
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    // --- 2. rejects: published even when the run then fails, because they say what to fix.

    @Bean
    @StepScope
    public JdbcCursorItemReader<String[]> rejectsReader(@Value(SNAPSHOT_ID) long snapshotId,
            @Value("#{jobParameters['providerFile']}") String providerFile) {
        return reports.cursor("rejectsReader", RejectsReport.SQL, RejectsReport.cells(providerFile), snapshotId);
    }

    @Bean
    @StepScope
    public FlatFileItemWriter<String[]> rejectsWriter(@Value("#{jobParameters['reportDir']}") String reportDir,
            @Value("#{jobParameters['asOfDate']}") String asOfDate,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long runId) {
        return reports.stagedCsv("rejectsWriter", reportFiles(reportDir, asOfDate, runId), RejectsReport.KIND, RejectsReport.HEADER);
    }

    @Bean
    public Step rejectsStep(JdbcCursorItemReader<String[]> rejectsReader, FlatFileItemWriter<String[]> rejectsWriter) {
        return reports.step("rejectsStep", rejectsReader, rejectsWriter);
    }

    @Bean
    public Step rejectGateStep(ProviderSnapshotStore snapshots, SubscriptionSeats seats, SyncLog log) {
        return new StepBuilder("rejectGateStep", jobRepository)
                .tasklet((contribution, context) -> {
                    var step = context.getStepContext().getStepExecution();
                    var params = step.getJobExecution().getJobParameters();
                    ReportFiles files = reportFiles(step.getJobExecution());
                    files.publish(RejectsReport.KIND, reports.runBegan(step.getJobExecution()));
                    var counts = snapshots.importCounts(step.getJobExecution().getJobInstanceId());
                    log.imported(params.getString(SyncJobParameters.PROVIDER_FILE), counts);
                    if (counts.rejectedPercent() > properties.maxRejectedPercent()) {
                        throw new RunRefusedException(("%d of %d provider rows (%.2f%%) were rejected, more than the %.2f%% "
                                + "allowed: no reconciliation is published; see %s, correct the file and run again with --rerun")
                                .formatted(counts.rowsRejected(), counts.rowsRead(), counts.rejectedPercent(),
                                        properties.maxRejectedPercent(), files.published(RejectsReport.KIND)));
                    }
                    long snapshotId = step.getJobExecution().getJobInstanceId();
                    if (counts.subscriptionsImported() == 0) {
                        throw new RunRefusedException("%s: no subscription was imported (%d rows read): no reconciliation is published"
                                .formatted(params.getString(SyncJobParameters.PROVIDER_FILE), counts.rowsRead()));
                    }
                    var previous = snapshots.previousAcceptedSize(snapshotId);
                    boolean acceptShrink = Boolean.parseBoolean(params.getString(SyncJobParameters.ACCEPT_SHRINK, "false"));
                    if (previous.isPresent() && !acceptShrink
                            && counts.subscriptionsImported() * 100.0 < previous.get() * properties.minRetainedPercent()) {
                        throw new RunRefusedException(("%s: the provider data holds %d subscriptions, fewer than %.0f%% of "
                                + "the %d of the last accepted snapshot: no reconciliation is published; if the shrink is "
                                + "real, run again with --rerun --accept-shrink").formatted(
                                params.getString(SyncJobParameters.PROVIDER_FILE), counts.subscriptionsImported(),
                                properties.minRetainedPercent(), previous.get()));
                    }
                    seats.accept(snapshotId);
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    // --- 3. reconciliation: the database joins, matches and decides every row, in parts by customer tenant.

    /**
     * The reconciliation, split by customer tenant into {@code query-parts} parts that run at the same
     * time, each one statement in a database session of its own: the statement is the longest of the night
     * and PostgreSQL runs it on one core. Each part fills a table of its own (CREATE TABLE AS on PostgreSQL);
     * {@link #reconcileAttachStep} makes them the run's partition. The parts share one snapshot of the database
     * ({@link SharedSnapshot}), so together they are what the one statement would have been.
     */
    @Bean
    public Step reconcileStep(Step reconcilePartStep, SharedSnapshot sharedSnapshot) {
        int parts = properties.queryParts();
        // Each part holds two connections (its step's and its snapshot's); the run holds three more (its lock,
        // the exported snapshot, the job repository).
        if (dataSource instanceof HikariDataSource pool && 2 * parts + 3 > pool.getMaximumPoolSize()) {
            throw new IllegalStateException(("license-recon.sync.query-parts %d needs %d database connections, "
                    + "spring.datasource.hikari.maximum-pool-size is %d").formatted(parts, 2 * parts + 3,
                    pool.getMaximumPoolSize()));
        }
        return TenantSplit.step("reconcileStep", reconcilePartStep, parts, jobRepository, sharedSnapshot);
    }

    @Bean
    public Step reconcilePartStep(SnapshotPartitions partitions, SharedSnapshot sharedSnapshot) {
        return new StepBuilder("reconcilePartStep", jobRepository)
                .tasklet((contribution, context) -> {
                    var step = context.getStepContext().getStepExecution();
                    long snapshotId = step.getJobExecution().getJobInstanceId();
                    TenantSplit.Part part = TenantSplit.of(step);
                    // All parts read the database as it was when reconcileStep started. H2, an old snapshot or a
                    // partition already attached: reconcileAttachStep writes the rows.
                    sharedSnapshot.inSnapshot(step, "reconcileStep", () -> partitions.createFilledPart(
                            SnapshotPartitions.RESULTS, snapshotId, part.index(), part.count(),
                            ReconciliationQuery.RESULT_COLUMNS, ReconciliationQuery.selectResults(snapshotId, part.range())))
                            .ifPresent(contribution::incrementWriteCount);
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                // A restart computes every part again, in one new snapshot: parts kept from the failed run would
                // have read the database at another moment.
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    public Step reconcileAttachStep(ReconciliationResultStore results, SnapshotPartitions partitions) {
        return new StepBuilder("reconcileAttachStep", jobRepository)
                .tasklet((contribution, context) -> {
                    long snapshotId = context.getStepContext().getStepExecution().getJobExecution().getJobInstanceId();
                    // One transaction: the parts become the run's partition together, or not at all. Where no
                    // part was filled (H2, an old snapshot, or a restart that finds the partition attached),
                    // one statement (re)writes the rows into the table.
                    if (!partitions.attachParts(SnapshotPartitions.RESULTS, snapshotId)) {
                        partitions.create(SnapshotPartitions.RESULTS, snapshotId);
                        results.deleteRun(snapshotId);
                        contribution.incrementWriteCount(results.insertRun(snapshotId));
                    }
                    partitions.analyze(SnapshotPartitions.RESULTS, snapshotId);
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    /**
     * Indexes the run's results in report order, first in the reconciliation report's flow: that report and
     * the customer pages read by the index, while the renewal windows (the longer flow) do not wait for it.
     */
    @Bean
    public Step resultsIndexStep(SnapshotPartitions partitions) {
        return new StepBuilder("resultsIndexStep", jobRepository)
                .tasklet((contribution, context) -> {
                    partitions.index(SnapshotPartitions.RESULTS,
                            context.getStepContext().getStepExecution().getJobExecution().getJobInstanceId());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    // --- 4. reports, staged under hidden names.

    @Bean
    @StepScope
    public JdbcCursorItemReader<String[]> reconciliationReportReader(@Value(SNAPSHOT_ID) long snapshotId) {
        return reports.cursor("reconciliationReportReader", ReconciliationReport.SQL, ReconciliationReport.CELLS, snapshotId);
    }

    @Bean
    @StepScope
    public FlatFileItemWriter<String[]> reconciliationReportWriter(@Value("#{jobParameters['reportDir']}") String reportDir,
            @Value("#{jobParameters['asOfDate']}") String asOfDate,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long runId) {
        return reports.stagedCsv("reconciliationReportWriter", reportFiles(reportDir, asOfDate, runId), ReconciliationReport.KIND,
                ReconciliationReport.HEADER);
    }

    @Bean
    public Step reconciliationReportStep(JdbcCursorItemReader<String[]> reconciliationReportReader,
            FlatFileItemWriter<String[]> reconciliationReportWriter, CopyReports copyReports) {
        if (!copyReports.available()) {
            return reports.step("reconciliationReportStep", reconciliationReportReader, reconciliationReportWriter);
        }
        // PostgreSQL writes the million-row report itself.
        return reports.copyStep("reconciliationReportStep", ReconciliationReport.KIND, ReconciliationReport.HEADER,
                step -> ReconciliationReport.copyQuery(step.getJobExecution().getJobInstanceId()));
    }

    @Bean
    public Step summaryReportStep(ProviderSnapshotStore snapshots, ReconciliationResultStore results,
            com.licenserecon.ctlicense.CtLicenseStore ctLicenses, SyncLog log) {
        return new StepBuilder("summaryReportStep", jobRepository)
                .tasklet((contribution, context) -> {
                    var job = context.getStepContext().getStepExecution().getJobExecution();
                    long snapshotId = job.getJobInstanceId();
                    var params = job.getJobParameters();
                    var counts = snapshots.importCounts(snapshotId);
                    var totals = results.totals(snapshotId);
                    var summary = new SummaryReport(counts.rowsRead(), counts.rowsRejected(),
                            counts.subscriptionsImported(), ctLicenses.count(), totals.matchedPairs(),
                            totals.reportRows(), totals.rowsByResult(), totals.rowsWithoutAmount(), totals.amountTotals(),
                            snapshots.unreadCustomers(snapshotId), snapshots.mappingGaps(snapshotId));
                    ReportFiles files = reportFiles(job);
                    summary.writeTo(files.staging(SummaryReport.KIND));
                    log.reconciled(params.getString(SyncJobParameters.AS_OF_DATE), summary);
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    public Step publishReportsStep(ProviderSnapshotStore snapshots) {
        return new StepBuilder("publishReportsStep", jobRepository)
                .tasklet((contribution, context) -> {
                    var job = context.getStepContext().getStepExecution().getJobExecution();
                    var params = job.getJobParameters();
                    snapshots.complete(job.getJobInstanceId());
                    ReportFiles files = reportFiles(job);
                    Instant runBegan = reports.runBegan(job);
                    files.publish(ReconciliationReport.KIND, runBegan);
                    SeatChangeJobConfiguration.publishSeatChangeReports(files, runBegan);
                    files.publish(SummaryReport.KIND, runBegan);
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    private static ReportFiles reportFiles(String reportDir, String asOfDate, long runId) {
        return ReportSteps.files(reportDir, asOfDate, runId);
    }

    /** The reports of the running job execution. */
    private static ReportFiles reportFiles(org.springframework.batch.core.job.JobExecution job) {
        var params = job.getJobParameters();
        return reportFiles(params.getString(SyncJobParameters.REPORT_DIR), params.getString(SyncJobParameters.AS_OF_DATE),
                job.getJobInstanceId());
    }
}
