package com.licenserecon.report;

import com.licenserecon.reconcile.Money;
import com.licenserecon.reconcile.ReconciliationResultStore.CurrencyTotals;
import com.licenserecon.reconcile.ResultCode;
import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code reconciliation-summary-<as-of date>.csv}: the counts a reader needs to check that the report is
 * complete (report rows = CT records + provider subscriptions - matched pairs) and the money totals.
 * One metric a row: {@code metric, code, currency, value}. With Partner Center as the source it also
 * lists each customer that could not be read ({@code customer_not_audited, tenant, , reason}) and each
 * offer missing from the SKU map ({@code mapping_gap, offer, , subscription}).
 */
public record SummaryReport(
        long providerRowsRead,
        long providerRowsRejected,
        long providerSubscriptions,
        long ctRecords,
        long matchedPairs,
        long reportRows,
        Map<String, Long> rowsByResult,
        long rowsWithoutAmount,
        List<CurrencyTotals> amountTotals,
        List<String[]> customersNotAudited,
        List<String[]> mappingGaps) {

    public static final String KIND = "reconciliation-summary";
    public static final String[] HEADER = {"metric", "code", "currency", "value"};

    /** Rows carrying each code; a row with several codes counts once for each. Every code is listed. */
    public Map<String, Long> rowsByCode() {
        Map<String, Long> byCode = new LinkedHashMap<>();
        byCode.put(ResultCode.OK, 0L);
        for (ResultCode code : ResultCode.values()) {
            byCode.put(code.name(), 0L);
        }
        rowsByResult.forEach((result, n) -> {
            for (String code : result.split(";")) {
                byCode.merge(code, n, Long::sum);
            }
        });
        return byCode;
    }

    public List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("provider_rows_read", "", "", providerRowsRead));
        rows.add(row("provider_rows_rejected", "", "", providerRowsRejected));
        rows.add(row("provider_subscriptions", "", "", providerSubscriptions));
        rows.add(row("ct_records", "", "", ctRecords));
        rows.add(row("matched_pairs", "", "", matchedPairs));
        rows.add(row("report_rows", "", "", reportRows));
        rowsByCode().forEach((code, n) -> rows.add(row("rows_with_code", code, "", n)));
        rows.add(row("rows_without_amount", "", "", rowsWithoutAmount));
        for (CurrencyTotals t : amountTotals) {
            rows.add(new String[] {"monthly_amount_delta_positive", "", SpreadsheetSafe.text(t.currency()), Money.format(t.positive())});
            rows.add(new String[] {"monthly_amount_delta_negative", "", SpreadsheetSafe.text(t.currency()), Money.format(t.negative())});
        }
        rows.add(row("customers_not_audited", "", "", customersNotAudited.size()));
        for (String[] customer : customersNotAudited) {
            rows.add(new String[] {"customer_not_audited", customer[0], "", SpreadsheetSafe.text(customer[1])});
        }
        rows.add(row("mapping_gaps", "", "", mappingGaps.size()));
        for (String[] gap : mappingGaps) {
            rows.add(new String[] {"mapping_gap", SpreadsheetSafe.text(gap[0]), "", gap[1]});
        }
        return rows;
    }

    public void writeTo(Path file) {
        try (ICSVWriter csv = new CSVWriterBuilder(Files.newBufferedWriter(file, StandardCharsets.UTF_8))
                .withLineEnd("\n").build()) {
            csv.writeNext(HEADER, false);
            for (String[] row : rows()) {
                csv.writeNext(row, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String[] row(String metric, String code, String currency, long value) {
        return new String[] {metric, code, currency, Long.toString(value)};
    }
}
