package com.licenserecon.support;

import com.licenserecon.csv.CsvLimits;
import com.licenserecon.csv.CsvRecord;
import com.licenserecon.csv.CsvRecordReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import com.opencsv.RFC4180ParserBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads and writes the CSV files of tests with the same dialect as the product (RFC 4180). */
public final class CsvFiles {

    private CsvFiles() {
    }

    /** Every data row through the product's own reader; a file it refuses throws its CsvFormatException. */
    public static List<CsvRecord> records(Path file, List<String> requiredColumns, CsvLimits limits) {
        CsvRecordReader reader = new CsvRecordReader("testReader", file, requiredColumns, limits);
        List<CsvRecord> records = new ArrayList<>();
        reader.openOutsideStep();
        try {
            for (CsvRecord r = reader.read(); r != null; r = reader.read()) {
                records.add(r);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        } finally {
            reader.close();
        }
        return records;
    }

    public static List<Map<String, String>> read(Path file) {
        try (var csv = new CSVReaderBuilder(Files.newBufferedReader(file, StandardCharsets.UTF_8))
                .withCSVParser(new RFC4180ParserBuilder().build()).build()) {
            List<String[]> all = csv.readAll();
            String[] header = all.get(0);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String[] values : all.subList(1, all.size())) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], i < values.length ? values[i] : "");
                }
                rows.add(row);
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    public static List<String> header(Path file) {
        try (var csv = new CSVReaderBuilder(Files.newBufferedReader(file, StandardCharsets.UTF_8))
                .withCSVParser(new RFC4180ParserBuilder().build()).build()) {
            return List.of(csv.readNext());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    public static void write(Path file, List<String[]> rows) {
        try (ICSVWriter csv = new CSVWriterBuilder(Files.newBufferedWriter(file, StandardCharsets.UTF_8)).withLineEnd("\n").build()) {
            rows.forEach(r -> csv.writeNext(r, false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The columns the sample's expected-recon.csv holds, one string a row, to compare as sets. */
    public static Set<String> reconKeys(Path file) {
        return read(file).stream()
                .map(r -> String.join(",", r.get("subscription_id"), r.get("ct_license_id"), r.get("result"),
                        r.get("quantity_delta"), r.get("monthly_amount_delta")))
                .collect(Collectors.toSet());
    }
}
