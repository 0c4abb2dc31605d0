package com.licenserecon.support;

import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Empties what the jobs write, children before parents, so each test starts from nothing. */
public final class Tables {

    private static final String[] IN_DELETE_ORDER = {"seat_change_intent", "seat_change_event", "seat_change_request",
            "reconciliation_result", "provider_reject", "provider_unread_customer", "provider_mapping_gap", "provider_subscription",
            "provider_snapshot", "ct_license_staging", "ct_license"};

    private Tables() {
    }

    public static void emptyAll(JdbcClient jdbc, JobRepositoryTestUtils jobRepositoryTestUtils) {
        jobRepositoryTestUtils.removeJobExecutions();
        for (String table : IN_DELETE_ORDER) {
            jdbc.sql("DELETE FROM " + table).update();
        }
    }
}
