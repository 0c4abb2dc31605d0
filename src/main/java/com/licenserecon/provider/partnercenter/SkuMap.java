package com.licenserecon.provider.partnercenter;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Partner Center names offers, not SKUs: {@code config/sku-map.csv} maps an offer's product and SKU id to
 * the {@code sku_part_number} and display name that the CT records use. Columns {@code product_id,
 * sku_id, sku_part_number, display_name} (header in any case and order; unknown columns ignored). An
 * offer id {@code productId:skuId[:availabilityId]} (e.g. {@code CFQ7TTC0LH18:0001:CFQ7TTC0K971}) is looked
 * up by {@code productId:skuId}; a row with a blank {@code sku_id} names a whole offer id (a legacy
 * offer's GUID). Ids are compared ignoring case.
 */
public final class SkuMap {

    public static final List<String> REQUIRED = List.of("product_id", "sku_id", "sku_part_number");
    public static final String DISPLAY_NAME = "display_name";

    /** What an offer is called in the CT records. */
    public record Entry(String skuPartNumber, String displayName) {
    }

    private final Map<String, Entry> entries;

    private SkuMap(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    public static SkuMap load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the SKU map " + file + " does not exist (license-recon.partner-center.sku-map)");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SKU map " + file, e);
        }
    }

    /**
     * Reads a SKU map. A missing required column, a blank required value or an offer listed twice refuses
     * the file, naming the line: a wrong map would rename SKUs silently.
     */
    public static SkuMap parse(Reader reader, String source) {
        List<String[]> rows;
        try (CSVReader csv = new CSVReader(reader)) {
            rows = csv.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SKU map " + source, e);
        } catch (CsvException e) {
            throw new IllegalArgumentException(source + ": not CSV: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": empty, a header is required: product_id,sku_id,sku_part_number,display_name");
        }
        Map<String, Integer> columns = new HashMap<>();
        String[] header = rows.get(0);
        for (int i = 0; i < header.length; i++) {
            String name = header[i].replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
            columns.putIfAbsent(name, i);
        }
        List<String> missing = new ArrayList<>();
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(source + ": missing column " + String.join(", ", missing));
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            int line = r + 1;
            if (row.length == 1 && row[0].isBlank()) {
                continue;
            }
            String productId = cell(row, columns.get("product_id"));
            String skuId = cell(row, columns.get("sku_id"));
            String skuPartNumber = cell(row, columns.get("sku_part_number"));
            String displayName = columns.containsKey(DISPLAY_NAME) ? cell(row, columns.get(DISPLAY_NAME)) : "";
            if (productId.isEmpty()) {
                throw new IllegalArgumentException(source + " line " + line + ": product_id is blank");
            }
            if (skuPartNumber.isEmpty()) {
                throw new IllegalArgumentException(source + " line " + line + ": sku_part_number is blank");
            }
            String key = skuId.isEmpty() ? key(productId) : key(productId + ":" + skuId);
            Integer seen = firstLine.putIfAbsent(key, line);
            if (seen != null) {
                throw new IllegalArgumentException(source + " line " + line + ": offer " + key
                        + " is already mapped on line " + seen);
            }
            entries.put(key, new Entry(skuPartNumber, displayName.isEmpty() ? null : displayName));
        }
        return new SkuMap(entries);
    }

    /** The SKU of an offer id ({@code productId:skuId[:availabilityId]}, or a whole legacy offer id). */
    public Optional<Entry> find(String offerId) {
        if (offerId == null || offerId.isBlank()) {
            return Optional.empty();
        }
        String[] parts = offerId.strip().split(":");
        if (parts.length >= 2) {
            Entry entry = entries.get(key(parts[0] + ":" + parts[1]));
            if (entry != null) {
                return Optional.of(entry);
            }
        }
        return Optional.ofNullable(entries.get(key(offerId)));
    }

    public int size() {
        return entries.size();
    }

    private static String key(String id) {
        return id.strip().toUpperCase(Locale.ROOT);
    }

    private static String cell(String[] row, int index) {
        return index < row.length && row[index] != null ? row[index].strip() : "";
    }
}
