package com.licenserecon.sync;

import com.licenserecon.provider.ProviderSnapshotStore.ImportCounts;
import com.licenserecon.report.SummaryReport;
import java.util.stream.Collectors;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a sync run did, in numbers, for the people reading the nightly log, and as metrics
 * ({@code license_recon_reconciliation_rows_total{code}}) for the ones watching dashboards.
 */
@Component
public class SyncLog {

    private static final Logger log = LoggerFactory.getLogger(SyncLog.class);

    private final MeterRegistry meters;

    public SyncLog(MeterRegistry meters) {
        this.meters = meters;
    }

    public void imported(String file, ImportCounts counts) {
        log.info("provider import {}: read {} rows, rejected {}, imported {} subscriptions",
                file, counts.rowsRead(), counts.rowsRejected(), counts.subscriptionsImported());
    }

    public void reconciled(String asOfDate, SummaryReport summary) {
        String codes = summary.rowsByCode().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        summary.rowsByCode().forEach((code, rows) ->
                meters.counter("license_recon.reconciliation.rows", "code", code).increment(rows));
        log.info("reconciliation {}: {} CT records, {} provider subscriptions, {} matched, {} report rows; {}",
                asOfDate, summary.ctRecords(), summary.providerSubscriptions(), summary.matchedPairs(),
                summary.reportRows(), codes);
    }
}
