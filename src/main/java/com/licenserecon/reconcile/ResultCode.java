package com.licenserecon.reconcile;

import java.util.Collection;
import java.util.stream.Collectors;

/** The discrepancy codes of the licensing rules' reconciliation section. */
public enum ResultCode {
    AMBIGUOUS_MATCH,
    AUTO_RENEW_MISMATCH,
    MISSING_AT_PROVIDER,
    MISSING_IN_CT,
    NOT_AUDITED,
    QUANTITY_MISMATCH,
    RENEWAL_DATE_MISMATCH,
    STATUS_MISMATCH,
    UNLINKED;

    public static final String OK = "OK";

    /** The report's {@code result}: codes sorted by name and joined with {@code ;}, or {@code OK}. */
    public static String result(Collection<ResultCode> codes) {
        return codes.isEmpty() ? OK : codes.stream().map(Enum::name).sorted().collect(Collectors.joining(";"));
    }
}
