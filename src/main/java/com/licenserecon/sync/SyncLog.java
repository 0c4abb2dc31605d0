package com.licenserecon.sync;

import com.licenserecon.provider.ProviderSnapshotStore.ImportCounts;
import com.licenserecon.report.SummaryReport;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** What a sync run did, in numbers, for the people reading the nightly log. */
@Component
public class SyncLog {

    private static final Logger log = LoggerFactory.getLogger(SyncLog.class);

    public void imported(String file, ImportCounts counts) {
        log.info("provider import {}: read {} rows, rejected {}, imported {} subscriptions",
                file, counts.rowsRead(), counts.rowsRejected(), counts.subscriptionsImported());
    }

    public void reconciled(String asOfDate, SummaryReport summary) {
        String codes = summary.rowsByCode().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        log.info("reconciliation {}: {} CT records, {} provider subscriptions, {} matched, {} report rows; {}",
                asOfDate, summary.ctRecords(), summary.providerSubscriptions(), summary.matchedPairs(),
                summary.reportRows(), codes);
    }
}
