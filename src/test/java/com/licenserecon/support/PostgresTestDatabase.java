package com.licenserecon.support;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real PostgreSQL the tests run against (scripts/test.sh starts it and creates the database). Each
 * Spring context gets a schema of its own, created by Flyway, so test classes cannot see each other's rows.
 */
public final class PostgresTestDatabase {

    public static final String URL = env("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/license_recon_test");
    public static final String USER = env("TEST_POSTGRES_USER", "postgres");
    public static final String PASSWORD = env("TEST_POSTGRES_PASSWORD", "");

    private PostgresTestDatabase() {
    }

    public static String newSchema() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public static String urlFor(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Points a Spring test context at a fresh schema of the test database. */
    public static void register(DynamicPropertyRegistry registry) {
        String schema = newSchema();
        registry.add("spring.datasource.url", () -> urlFor(schema));
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.create-schemas", () -> "true");
        registry.add("license-recon.cli.enabled", () -> "false");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
