package com.licenserecon.sync;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Turns PostgreSQL's JIT compilation off on the application's connections. A nightly statement over a
 * million rows is estimated costly enough to be compiled, which takes half a second per statement and
 * gains nothing back on a plan run once; the short lookups of the web pages and seat changes are never
 * compiled anyway. Set through the driver's startup {@code options}, so it applies from the first
 * statement of every connection, and only to PostgreSQL URLs (H2 has no such setting).
 */
@Component
public class PostgresSessionDefaults implements BeanPostProcessor {

    static final String OPTIONS = "-c jit=off";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:")
                && !pool.getDataSourceProperties().containsKey("options")) {
            pool.addDataSourceProperty("options", OPTIONS);
        }
        return bean;
    }
}
