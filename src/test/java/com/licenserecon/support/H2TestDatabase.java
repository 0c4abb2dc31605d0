package com.licenserecon.support;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The embedded default in a test: an in-memory H2 of the test class's own, in the mode the application uses. */
public final class H2TestDatabase {

    private H2TestDatabase() {
    }

    /** Points a Spring test context at a fresh in-memory database named after {@code prefix}. */
    public static void register(DynamicPropertyRegistry registry, String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }
}
