package com.licenserecon.sync;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Session settings for the application's PostgreSQL connections, given as the driver's startup
 * {@code options} so that they hold from the first statement of every connection, and only on
 * PostgreSQL URLs (H2 has no such settings):
 * <ul>
 * <li>{@code jit=off}: a nightly statement over a million rows is estimated costly enough to be compiled,
 * which takes half a second per statement and gains nothing back on a plan run once; the short lookups of
 * the web pages and seat changes are never compiled anyway.
 * <li>{@code work_mem} from {@code license-recon.sync.query-work-mem}: the nightly statements join, group
 * and sort a whole night; the server default (4MB) sends a million rows to temporary files. A session only
 * takes what a statement needs, so the small lookups cost nothing more.
 * </ul>
 * An {@code options} property the operator set on the data source is left alone.
 */
@Component
public class PostgresSessionDefaults implements BeanPostProcessor, EnvironmentAware {

    private String workMem = "";

    @Override
    public void setEnvironment(Environment environment) {
        workMem = environment.getProperty("license-recon.sync.query-work-mem", "512MB").strip();
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:")
                && !pool.getDataSourceProperties().containsKey("options")) {
            pool.addDataSourceProperty("options", options(workMem));
        }
        return bean;
    }

    static String options(String workMem) {
        if (!workMem.isEmpty() && !workMem.matches("[0-9]+\\s*(kB|MB|GB)?")) {
            throw new IllegalArgumentException("license-recon.sync.query-work-mem '" + workMem
                    + "' is not a PostgreSQL memory size such as 256MB");
        }
        return workMem.isEmpty() ? "-c jit=off" : "-c jit=off -c work_mem=" + workMem.replace(" ", "");
    }
}
