package com.licenserecon.report;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemWriterBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The pieces every report step is made of: a database cursor streamed in chunks into a CSV file under
 * its staging name. A report restarts from its first line (the cursor keeps no state) into a fresh file.
 */
@Component
public class ReportSteps {

    /**
     * Rows per chunk of every report step. A report restarts from its first line into a fresh file, so the
     * chunk is only how often the job repository records progress: small chunks (100 for the seat-change
     * settings) cost a commit per 100 rows and nothing else. Also the cursor's fetch size.
     */
    private static final int CHUNK_SIZE = 5000;

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final DataSource dataSource;
    private final CopyReports copyReports;

    public ReportSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager, DataSource dataSource,
            CopyReports copyReports) {
        this.copyReports = copyReports;
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.dataSource = dataSource;
    }

    /** When the run of {@code job} began: its first execution's creation, before any of its files was written. */
    public Instant runBegan(JobExecution job) {
        return jobRepository.getJobExecutions(job.getJobInstance()).stream().map(JobExecution::getCreateTime)
                .min(Comparator.naturalOrder()).orElse(job.getCreateTime())
                .atZone(ZoneId.systemDefault()).toInstant();
    }

    public static ReportFiles files(String reportDir, String asOfDate, long executionId) {
        return new ReportFiles(Path.of(reportDir), LocalDate.parse(asOfDate), executionId);
    }

    /** Streams a query: a server-side cursor on PostgreSQL (fetch size, no auto-commit), never the whole result. */
    public <T> JdbcCursorItemReader<T> cursor(String name, String sql, RowMapper<T> mapper, Object... arguments) {
        return new JdbcCursorItemReaderBuilder<T>()
                .name(name)
                .dataSource(dataSource)
                .sql(sql)
                .queryArguments(arguments)
                .rowMapper(mapper)
                .fetchSize(CHUNK_SIZE)
                .connectionAutoCommit(false)
                .saveState(false)
                .build();
    }

    public FlatFileItemWriter<String[]> stagedCsv(String name, ReportFiles files, String kind, String[] header) {
        files.prepare();
        return new FlatFileItemWriterBuilder<String[]>()
                .name(name)
                .resource(new FileSystemResource(files.staging(kind)))
                .encoding("UTF-8")
                .lineSeparator("\n")
                .headerCallback(out -> out.write(CsvLine.format(header)))
                .lineAggregator(CsvLine.ofCells())
                .shouldDeleteIfExists(true)
                .saveState(false)
                .build();
    }

    public <T> Step step(String name, ItemReader<T> reader, ItemProcessor<T, String[]> processor,
            FlatFileItemWriter<String[]> writer) {
        return new StepBuilder(name, jobRepository)
                .<T, String[]>chunk(CHUNK_SIZE)
                .transactionManager(transactionManager)
                .reader(reader)
                .processor(processor)
                .writer(writer)
                .build();
    }

    /**
     * A report PostgreSQL writes itself ({@link CopyReports}) under its staging name, from the query the
     * step's execution gives; like a chunk step's report, a restart writes it again whole.
     */
    public Step copyStep(String name, String kind, String[] header, Function<StepExecution, String> query) {
        return new StepBuilder(name, jobRepository)
                .tasklet((contribution, context) -> {
                    StepExecution step = context.getStepContext().getStepExecution();
                    var params = step.getJobExecution().getJobParameters();
                    ReportFiles files = files(params.getString("reportDir"), params.getString("asOfDate"),
                            step.getJobExecution().getJobInstanceId());
                    contribution.incrementWriteCount(copyReports.write(files.staging(kind), header, query.apply(step)));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    public Step step(String name, ItemReader<String[]> reader, FlatFileItemWriter<String[]> writer) {
        return step(name, reader, cells -> cells, writer);
    }
}
