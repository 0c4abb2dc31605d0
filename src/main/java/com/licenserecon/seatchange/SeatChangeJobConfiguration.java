package com.licenserecon.seatchange;

import com.licenserecon.provider.ProviderGateways;
import com.licenserecon.report.CopyReports;
import com.licenserecon.report.RenewalWindowsReport;
import com.licenserecon.report.ReportFiles;
import com.licenserecon.report.ReportSteps;
import com.licenserecon.report.SeatChangeReport;
import com.licenserecon.schedule.RunningJobs;
import com.licenserecon.sync.SharedSnapshot;
import com.licenserecon.sync.SnapshotPartitions;
import com.licenserecon.sync.TenantSplit;
import com.licenserecon.sync.SyncProperties;
import com.licenserecon.sync.TableStatistics;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code seatChangeJob}: settle changes whose outcome a crash left unknown, decide every QUEUED request on
 * the latest provider snapshot and apply what the rules allow, then publish the seat change and renewal
 * window reports. The sync job runs the same steps right after its provider import.
 */
@Configuration
public class SeatChangeJobConfiguration {

    public static final String JOB_NAME = "seatChangeJob";
    /** A seat change run works on the snapshot it is given, or (inside a sync) on the sync's own. */
    static final String SNAPSHOT_ID = "#{jobParameters['snapshotId'] ?: stepExecution.jobExecution.jobInstanceId}";
    static final String RECOVERED = "seatChangesRecovered";

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final SeatChangeProperties properties;
    private final SyncProperties syncProperties;
    private final ReportSteps reports;

    public SeatChangeJobConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            SeatChangeProperties properties, SyncProperties syncProperties, ReportSteps reports) {
        this.jobRepository = jobRepository;
        this.syncProperties = syncProperties;
        this.transactionManager = transactionManager;
        this.properties = properties;
        this.reports = reports;
    }

    @Bean
    public Job seatChangeJob(Step seatChangeRecoveryStep, Step seatChangeStep, Step seatChangeReportStep,
            Step renewalWindowsInPiecesStep, Step renewalWindowsJoinStep, Step publishSeatChangeReportsStep,
            RunningJobs runningJobs) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(runningJobs)
                .start(seatChangeRecoveryStep)
                .next(seatChangeStep)
                .next(seatChangeReportStep)
                .next(renewalWindowsInPiecesStep)
                .next(renewalWindowsJoinStep)
                .next(publishSeatChangeReportsStep)
                .build();
    }

    @Bean
    public Step seatChangeRecoveryStep(SeatChangeApplier applier) {
        return new StepBuilder("seatChangeRecoveryStep", jobRepository)
                .tasklet((contribution, context) -> {
                    StepExecution step = context.getStepContext().getStepExecution();
                    int recovered = applier.recover(runContext(step), step.getJobExecution().getJobInstance().getJobName());
                    step.getJobExecution().getExecutionContext().putInt(RECOVERED, recovered);
                    contribution.incrementWriteCount(recovered);
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                // A restarted run must settle what its crashed attempt left open, even though this step
                // completed in that attempt.
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    @StepScope
    public JdbcCursorItemReader<QueuedRequest> queuedRequestReader() {
        return reports.cursor("queuedRequestReader", SeatChangeStore.QUEUED_IN_RUN_ORDER, SeatChangeStore.QUEUED_ROW);
    }

    @Bean
    @StepScope
    public SeatChangeWriter seatChangeWriter(SeatChangeApplier applier, @Value(SNAPSHOT_ID) long snapshotId,
            @Value("#{jobParameters['asOf']}") String asOf, @Value("#{jobParameters['reportDir']}") String reportDir,
            @Value("#{stepExecution.jobExecution.id}") long jobExecutionId) {
        return new SeatChangeWriter(applier,
                new SeatChangeRunContext(snapshotId, Instant.parse(asOf), Path.of(reportDir), jobExecutionId));
    }

    @Bean
    public Step seatChangeStep(JdbcCursorItemReader<QueuedRequest> queuedRequestReader,
            SeatChangeWriter seatChangeWriter, SeatChangeLog log, TableStatistics statistics, ProviderGateways gateways) {
        return new StepBuilder("seatChangeStep", jobRepository)
                .<QueuedRequest, QueuedRequest>chunk(properties.chunkSize(gateways))
                .transactionManager(transactionManager)
                .reader(queuedRequestReader)
                .writer(seatChangeWriter)
                .listener(new StepExecutionListener() {
                    @Override
                    public org.springframework.batch.core.ExitStatus afterStep(StepExecution step) {
                        log.decided(step.getJobExecution().getId(), step.getReadCount(),
                                step.getJobExecution().getExecutionContext().getInt(RECOVERED, 0));
                        if (step.getWriteCount() > 0) {
                            // The reports that follow plan on these statistics, and the step has just rewritten the
                            // rows: PostgreSQL, still seeing every request QUEUED with no window, expected one missed
                            // request and looked each one's price up by a scan of the whole reconciliation (1.6 s
                            // for 63 of them at a million subscriptions).
                            statistics.refresh("seat_change_request");
                        }
                        return step.getExitStatus();
                    }
                })
                .build();
    }

    @Bean
    @StepScope
    public JdbcCursorItemReader<String[]> seatChangeReportReader(@Value("#{stepExecution.jobExecution.id}") long jobExecutionId) {
        return reports.cursor("seatChangeReportReader", SeatChangeReport.SQL, SeatChangeReport.CELLS, jobExecutionId);
    }

    @Bean
    @StepScope
    public FlatFileItemWriter<String[]> seatChangeReportWriter(@Value("#{jobParameters['reportDir']}") String reportDir,
            @Value("#{jobParameters['asOfDate']}") String asOfDate,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long runId) {
        return reports.stagedCsv("seatChangeReportWriter", ReportSteps.files(reportDir, asOfDate, runId), SeatChangeReport.KIND,
                SeatChangeReport.HEADER);
    }

    @Bean
    public Step seatChangeReportStep(JdbcCursorItemReader<String[]> seatChangeReportReader,
            FlatFileItemWriter<String[]> seatChangeReportWriter) {
        return reports.step("seatChangeReportStep", seatChangeReportReader, seatChangeReportWriter);
    }

    @Bean
    @StepScope
    public JdbcCursorItemReader<RenewalWindowsReport.Row> renewalWindowsReader(@Value(SNAPSHOT_ID) long snapshotId,
            @Value("#{jobParameters['asOf']}") String asOf, SnapshotPartitions partitions) {
        String sql = RenewalWindowsReport.sql(partitions.relation(SnapshotPartitions.PROVIDER, snapshotId),
                partitions.relation(SnapshotPartitions.RESULTS, snapshotId));
        return reports.cursor("renewalWindowsReader", sql, RenewalWindowsReport.ROW,
                RenewalWindowsReport.arguments(snapshotId, Instant.parse(asOf), Duration.ofDays(properties.windowHorizonDays())));
    }

    @Bean
    @StepScope
    public FlatFileItemWriter<String[]> renewalWindowsWriter(@Value("#{jobParameters['reportDir']}") String reportDir,
            @Value("#{jobParameters['asOfDate']}") String asOfDate,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long runId) {
        return reports.stagedCsv("renewalWindowsWriter", ReportSteps.files(reportDir, asOfDate, runId),
                RenewalWindowsReport.KIND, RenewalWindowsReport.HEADER);
    }

    @Bean
    @StepScope
    public RenewalWindowsReport.Cells renewalWindowsProcessor(@Value("#{jobParameters['asOf']}") String asOf) {
        return new RenewalWindowsReport.Cells(Instant.parse(asOf), Duration.ofDays(properties.windowHorizonDays()));
    }

    /**
     * The renewal windows of the sync, written whole: in the sync they run beside the reconciliation report,
     * which keeps the other core busy (written in pieces there, they made the reports phase 2 s longer).
     */
    @Bean
    public Step renewalWindowsReportStep(JdbcCursorItemReader<RenewalWindowsReport.Row> renewalWindowsReader,
            RenewalWindowsReport.Cells renewalWindowsProcessor,
            FlatFileItemWriter<String[]> renewalWindowsWriter, CopyReports copyReports, SnapshotPartitions partitions) {
        if (!copyReports.available()) {
            return reports.step("renewalWindowsReportStep", renewalWindowsReader,
                    renewalWindowsProcessor, renewalWindowsWriter);
        }
        // PostgreSQL writes the report itself, with the window rule in SQL (RenewalWindowsCopyTest holds it to
        // RenewalWindow#of).
        return reports.copyStep("renewalWindowsReportStep", RenewalWindowsReport.KIND, RenewalWindowsReport.HEADER, step -> {
            SeatChangeRunContext run = runContext(step);
            return RenewalWindowsReport.copyQuery(partitions.relation(SnapshotPartitions.PROVIDER, run.snapshotId()),
                    partitions.relation(SnapshotPartitions.RESULTS, run.snapshotId()), run.snapshotId(), run.asOf(),
                    Duration.ofDays(properties.windowHorizonDays()));
        });
    }

    /**
     * The renewal windows of a seat change run, where nothing else runs beside them. PostgreSQL writes them
     * in pieces by customer tenant at the same time, each in a session of its own, and
     * {@link #renewalWindowsJoinStep} puts them together (at 1M subscriptions, 10,000 requests: the job
     * 8.3 s instead of 10.7 s). The pieces share one snapshot of the database ({@link SharedSnapshot}).
     */
    @Bean
    public Step renewalWindowsInPiecesStep(JdbcCursorItemReader<RenewalWindowsReport.Row> renewalWindowsReader,
            RenewalWindowsReport.Cells renewalWindowsProcessor,
            FlatFileItemWriter<String[]> renewalWindowsWriter, CopyReports copyReports, SnapshotPartitions partitions,
            SharedSnapshot sharedSnapshot) {
        if (!copyReports.available()) {
            return reports.step("renewalWindowsReportStep", renewalWindowsReader,
                    renewalWindowsProcessor, renewalWindowsWriter);
        }
        return TenantSplit.step("renewalWindowsReportStep", renewalWindowsPieceStep(copyReports, partitions, sharedSnapshot),
                syncProperties.queryParts(), jobRepository, sharedSnapshot);
    }

    /** One piece of the renewal windows on PostgreSQL: the windows of one range of tenants, the last also the missed requests. */
    private Step renewalWindowsPieceStep(CopyReports copyReports, SnapshotPartitions partitions,
            SharedSnapshot sharedSnapshot) {
        return new StepBuilder("renewalWindowsPieceStep", jobRepository)
                .tasklet((contribution, context) -> {
                    StepExecution step = context.getStepContext().getStepExecution();
                    TenantSplit.Part piece = TenantSplit.of(step);
                    SeatChangeRunContext run = runContext(step);
                    ReportFiles files = reportFiles(step.getJobExecution());
                    files.prepare();
                    String query = RenewalWindowsReport.copyQuery(partitions.relation(SnapshotPartitions.PROVIDER, run.snapshotId()),
                            partitions.relation(SnapshotPartitions.RESULTS, run.snapshotId()), run.snapshotId(), run.asOf(),
                            Duration.ofDays(properties.windowHorizonDays()), piece.range(), piece.isLast());
                    // Every piece reads the queue and the snapshot as they were when the report step started.
                    Path file = files.piece(RenewalWindowsReport.KIND, piece.index(), piece.count());
                    contribution.incrementWriteCount(sharedSnapshot.inSnapshot(step, "renewalWindowsReportStep", () -> {
                        try {
                            return copyReports.writeRows(file, query);
                        } catch (SQLException | IOException e) {
                            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
                        }
                    }));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                // A restart writes every piece again, in one new snapshot.
                .allowStartIfComplete(true)
                .build();
    }

    private static ReportFiles reportFiles(JobExecution job) {
        var params = job.getJobParameters();
        return ReportSteps.files(params.getString(SeatChangeJobParameters.REPORT_DIR),
                params.getString(SeatChangeJobParameters.AS_OF_DATE), job.getJobInstanceId());
    }

    /** Puts the pieces of the renewal windows together under the report's staging name (none where it was written whole). */
    @Bean
    public Step renewalWindowsJoinStep() {
        return new StepBuilder("renewalWindowsJoinStep", jobRepository)
                .tasklet((contribution, context) -> {
                    ReportFiles files = reportFiles(context.getStepContext().getStepExecution().getJobExecution());
                    List<Path> pieces = files.pieces(RenewalWindowsReport.KIND);
                    if (!pieces.isEmpty()) {
                        files.join(RenewalWindowsReport.KIND, CopyReports.headerLine(RenewalWindowsReport.HEADER), pieces);
                    }
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    public Step publishSeatChangeReportsStep() {
        return new StepBuilder("publishSeatChangeReportsStep", jobRepository)
                .tasklet((contribution, context) -> {
                    JobExecution job = context.getStepContext().getStepExecution().getJobExecution();
                    publishSeatChangeReports(reportFiles(job), reports.runBegan(job));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    public static void publishSeatChangeReports(ReportFiles files, Instant runBegan) {
        files.publish(SeatChangeReport.KIND, runBegan);
        files.publish(RenewalWindowsReport.KIND, runBegan);
    }

    private static SeatChangeRunContext runContext(StepExecution step) {
        var params = step.getJobExecution().getJobParameters();
        Long snapshot = params.getLong(SeatChangeJobParameters.SNAPSHOT_ID);
        return new SeatChangeRunContext(snapshot != null ? snapshot : step.getJobExecution().getJobInstanceId(),
                Instant.parse(params.getString(SeatChangeJobParameters.AS_OF)),
                Path.of(params.getString(SeatChangeJobParameters.REPORT_DIR)), step.getJobExecution().getId());
    }
}
