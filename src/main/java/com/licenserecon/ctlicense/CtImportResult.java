package com.licenserecon.ctlicense;

/** What import-ct did: every row of the file was either inserted or updated. */
public record CtImportResult(String file, long rowsRead, long inserted, long updated) {
}
