package com.licenserecon.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** What the application's PostgreSQL sessions are started with, and that other databases are left alone. */
class PostgresSessionDefaultsTest {

    @Test
    void givenAPostgresPool_thenItsSessionsRunWithoutJitAndWithTheConfiguredWorkMem() {
        HikariDataSource pool = pool("jdbc:postgresql://db:5432/recon");

        defaults("512MB").postProcessBeforeInitialization(pool, "dataSource");

        assertThat(pool.getDataSourceProperties()).containsEntry("options", "-c jit=off -c work_mem=512MB");
    }

    @Test
    void givenABlankWorkMem_thenTheServersWorkMemIsKept() {
        HikariDataSource pool = pool("jdbc:postgresql://db:5432/recon");

        defaults(" ").postProcessBeforeInitialization(pool, "dataSource");

        assertThat(pool.getDataSourceProperties()).containsEntry("options", "-c jit=off");
    }

    @Test
    void givenOptionsTheOperatorSet_thenTheyAreLeftAlone() {
        HikariDataSource pool = pool("jdbc:postgresql://db:5432/recon");
        pool.addDataSourceProperty("options", "-c statement_timeout=0");

        defaults("256MB").postProcessBeforeInitialization(pool, "dataSource");

        assertThat(pool.getDataSourceProperties()).containsEntry("options", "-c statement_timeout=0");
    }

    @Test
    void givenTheEmbeddedH2_thenNothingIsAdded() {
        HikariDataSource pool = pool("jdbc:h2:mem:x");

        defaults("256MB").postProcessBeforeInitialization(pool, "dataSource");

        assertThat(pool.getDataSourceProperties()).doesNotContainKey("options");
    }

    @Test
    void givenAWorkMemThatIsNoMemorySize_thenStartingFailsNamingTheSetting() {
        assertThatThrownBy(() -> defaults("256MB; DROP").postProcessBeforeInitialization(pool("jdbc:postgresql://db/x"), "ds"))
                .hasMessageContaining("license-recon.sync.query-work-mem").hasMessageContaining("256MB; DROP");
    }

    private static PostgresSessionDefaults defaults(String workMem) {
        PostgresSessionDefaults defaults = new PostgresSessionDefaults();
        defaults.setEnvironment(new MockEnvironment().withProperty("license-recon.sync.query-work-mem", workMem));
        return defaults;
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        return pool;
    }
}
