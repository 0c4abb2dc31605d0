package com.licenserecon.support;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Spring Batch's test utilities, for the sync job. */
@TestConfiguration
public class BatchTestSupport {

        @Bean
    JobRepositoryTestUtils jobRepositoryTestUtils(JobRepository jobRepository) {
        return new JobRepositoryTestUtils(jobRepository);
    }

    @Bean
    JobOperatorTestUtils jobOperatorTestUtils(JobOperator jobOperator, JobRepository jobRepository, Job licenseSyncJob) {
        JobOperatorTestUtils utils = new JobOperatorTestUtils(jobOperator, jobRepository);
        utils.setJob(licenseSyncJob);
        return utils;
    }
}
