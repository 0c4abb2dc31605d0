package com.licenserecon.ctlicense;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The CT license records the reseller bills from. */
@Repository
public class CtLicenseStore {

    private final JdbcClient jdbc;

    public CtLicenseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM ct_license").query(Long.class).single();
    }
}
