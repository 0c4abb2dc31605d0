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
 * @param queryParts how many database sessions share each of the night's two longest statements (the
 *        reconciliation, the renewal-windows report), each session a range of customer tenants
 */
@ConfigurationProperties("license-recon.sync")
public record SyncProperties(Path reportDir, Integer chunkSize, Double maxRejectedPercent, Double minRetainedPercent,
        Integer queryParts) {

    public SyncProperties {
        minRetainedPercent = minRetainedPercent == null ? 90.0 : minRetainedPercent;
        reportDir = reportDir == null ? Path.of("reports") : reportDir;
        chunkSize = chunkSize == null ? 5000 : chunkSize;
        maxRejectedPercent = maxRejectedPercent == null ? 1.0 : maxRejectedPercent;
        queryParts = queryParts == null ? 2 : queryParts;
        if (queryParts < 1) {
            throw new IllegalArgumentException("license-recon.sync.query-parts must be 1 or more, not " + queryParts);
        }
    }
}
