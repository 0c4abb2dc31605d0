package com.licenserecon.sync;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the nightly sync ({@code license-recon.sync.*} in config/application.yml).
 *
 * @param reportDir where reports are written when a command does not say
 * @param chunkSize rows per transaction in the chunked steps
 * @param maxRejectedPercent a run whose provider file has more rejected rows than this share fails
 * @param minRetainedPercent a run whose provider data holds fewer subscriptions than this share of the last
 *        accepted snapshot fails (a truncated file would otherwise flood finance with MISSING_AT_PROVIDER)
 * @param queryWorkMem PostgreSQL's {@code work_mem} for the application's sessions (see
 *        {@link PostgresSessionDefaults}); blank keeps the server's setting
 */
@ConfigurationProperties("license-recon.sync")
public record SyncProperties(Path reportDir, Integer chunkSize, Double maxRejectedPercent, Double minRetainedPercent,
        String queryWorkMem) {

    public static final String DEFAULT_QUERY_WORK_MEM = "256MB";

    public SyncProperties {
        minRetainedPercent = minRetainedPercent == null ? 90.0 : minRetainedPercent;
        queryWorkMem = queryWorkMem == null ? DEFAULT_QUERY_WORK_MEM : queryWorkMem.strip();
        reportDir = reportDir == null ? Path.of("reports") : reportDir;
        chunkSize = chunkSize == null ? 5000 : chunkSize;
        maxRejectedPercent = maxRejectedPercent == null ? 1.0 : maxRejectedPercent;
    }
}
