package com.licenserecon.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Batch test against the real PostgreSQL, on a schema of its own, emptied before each test.
 * Spring Batch's test utilities are declared here rather than through {@code @SpringBatchTest}, whose
 * listeners would call any test helper that returns a JobExecution.
 */
@SpringBootTest
@Import(BatchTestSupport.class)
public abstract class PostgresJobTest {


    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected JobRepositoryTestUtils jobRepositoryTestUtils;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.register(registry);
    }

    @BeforeEach
    void emptyDatabase() {
        Tables.emptyAll(jdbc, jobRepositoryTestUtils);
    }
}
