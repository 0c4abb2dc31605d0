package com.licenserecon.support;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes a CT licenses file and a provider licenses file (file-formats spec) for {@code customers}
 * customers, from a seed: the same seed always gives the same bytes. Every customer gets one scenario
 * of {@link #scenarioNames()} in turn (so any run with at least that many customers has them all) and
 * up to three more at random; each scenario is one rule or edge case of the licensing rules'
 * reconciliation section. Records also vary at random in what does not decide a code: blank or
 * 4-decimal prices, other or blank currencies, blank assigned, refundable lists, zero quantities,
 * hostile text (commas, quotes, newlines, non-Latin, formula-like leading characters), upper-case
 * UUIDs, the many spellings of booleans. Headers come in a shuffled order and odd case, sometimes with
 * an unknown column, a byte-order mark, CRLF line ends or every cell quoted.
 *
 * <p>Rows are written customer by customer (each customer's rows shuffled), so memory does not grow
 * with the file: {@code write(seed, 400_000, ct, provider)} makes about a million rows per file.
 * Which codes a row gets is not written anywhere: the tests ask {@code LicenseMatcher} and the job.
 */
public final class LicenseDataGenerator {

    public static final String[] CT_COLUMNS = {"ct_license_id", "customer_tenant_id", "subscription_id",
            "sku_part_number", "display_name", "ct_licenses", "renewal_date", "status", "auto_renew", "unit_price",
            "currency"};

    public static final String[] PROVIDER_COLUMNS = {"customer_tenant_id", "customer_name", "subscription_id",
            "offer_id", "sku_part_number", "display_name", "quantity", "assigned", "status", "auto_renew",
            "commitment", "term_duration", "billing_cycle", "term_start", "term_end", "refundable"};

    /** The dates are around the sample night; the reconciliation does not depend on the as-of instant. */
    private static final LocalDate BASE = LocalDate.of(2026, 11, 26);

    private static final String[] PROVIDER_STATUSES = {"active", "pending", "suspended", "expired", "disabled", "deleted"};

    private static final String[][] SKUS = {
            {"SPE_E3", "Microsoft 365 E3"}, {"SPE_E5", "Microsoft 365 E5"}, {"SPE_F1", "Microsoft 365 F3"},
            {"O365_BUSINESS_PREMIUM", "Microsoft 365 Business Standard"},
            {"O365_BUSINESS_ESSENTIALS", "Microsoft 365 Business Basic"},
            {"SPB", "Microsoft 365 Business Premium"}, {"ENTERPRISEPACK", "Office 365 E3"},
            {"EXCHANGESTANDARD", "Exchange Online (Plan 1)"}, {"POWER_BI_PRO", "Power BI Pro"},
            {"VISIOCLIENT", "Visio Plan 2"}, {"PROJECTPREMIUM", "Project Plan 5"}, {"AAD_PREMIUM", "Microsoft Entra ID P1"},
            {"Microsoft_Teams_Premium", "Teams Premium, \"Intro\" offer"}, {"-EXT_STORAGE", "=Extra file storage"}};

    /** Text a report or a spreadsheet could get wrong. Leading/trailing blanks are trimmed by the parsers. */
    private static final String[] HOSTILE_TEXT = {
            "Contoso, Ltd.", "The \"Best\" Company", "\"Quoted\"", "Line one\nLine two", "Windows\r\nline ends",
            "株式会社テスト", "Ωμέγα Α.Ε.", "Müller & Söhne GmbH", "شركة الاختبار", "😀 Emoji Pty", "=SUM(A1:A9)",
            "=HYPERLINK(\"http://evil.example\",\"click\")", "+44 Holdings", "-minus GmbH", "@handle Inc",
            "  padded  name  ", "a,b,\"c\"\n,d", "'already quoted", "Robert'); DROP TABLE ct_license;--", "semi;colon;name", "tab\tinside", "x".repeat(500)};

    private static final String[] CURRENCIES = {"USD", "USD", "USD", "USD", "USD", "USD", "EUR", "EUR", "GBP", "JPY"};

    /** The scenarios, in the order customers get them. */
    private static final List<Scenario> SCENARIOS = scenarios();

    /** What was written; {@code scenarios} counts how often each scenario was used. */
    public record Summary(long seed, int customers, long ctRows, long providerRows, Map<String, Long> scenarios,
            String ctFileStyle, String providerFileStyle) {
    }

    private LicenseDataGenerator() {
    }

    public static List<String> scenarioNames() {
        return SCENARIOS.stream().map(Scenario::name).toList();
    }

    /** Writes both files; for the benchmark: {@code main(seed, customers, ctFile, providerFile)}. */
    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: LicenseDataGenerator <seed> <customers> <ct-file> <provider-file>");
            System.exit(2);
        }
        Summary summary = write(Long.parseLong(args[0]), Integer.parseInt(args[1]), Path.of(args[2]), Path.of(args[3]));
        System.out.printf("%d CT rows, %d provider rows%n", summary.ctRows(), summary.providerRows());
    }

    public static Summary write(long seed, int customers, Path ctFile, Path providerFile) {
        Random random = new Random(seed);
        FileStyle ctStyle = FileStyle.random(random, CT_COLUMNS, "ct_comment");
        FileStyle providerStyle = FileStyle.random(random, PROVIDER_COLUMNS, "partner_note");
        Map<String, Long> used = new TreeMap<>();
        long ctRows = 0;
        long providerRows = 0;
        try (Writer ctOut = open(ctFile, ctStyle); Writer providerOut = open(providerFile, providerStyle);
                ICSVWriter ct = csv(ctOut, ctStyle); ICSVWriter provider = csv(providerOut, providerStyle)) {
            ct.writeNext(ctStyle.header(), ctStyle.quoteAll());
            provider.writeNext(providerStyle.header(), providerStyle.quoteAll());
            long[] ctId = {0};
            for (int i = 0; i < customers; i++) {
                Customer customer = new Customer(random, i, ctId);
                List<Scenario> chosen = new ArrayList<>();
                chosen.add(SCENARIOS.get(i % SCENARIOS.size()));
                for (int extra = random.nextInt(4); extra > 0; extra--) {
                    chosen.add(SCENARIOS.get(random.nextInt(SCENARIOS.size())));
                }
                for (Scenario scenario : chosen) {
                    scenario.build().accept(customer);
                    used.merge(scenario.name(), 1L, Long::sum);
                }
                Collections.shuffle(customer.cts, random);
                Collections.shuffle(customer.providers, random);
                for (CtRow row : customer.cts) {
                    ct.writeNext(ctStyle.cells(row.cells(random)), ctStyle.quoteAll());
                    ctRows++;
                }
                for (ProviderRow row : customer.providers) {
                    provider.writeNext(providerStyle.cells(row.cells(random)), providerStyle.quoteAll());
                    providerRows++;
                }
            }
            ct.flush();
            provider.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Summary(seed, customers, ctRows, providerRows, used, ctStyle.describe(), providerStyle.describe());
    }

    // --- files

    private static Writer open(Path file, FileStyle style) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        if (style.byteOrderMark()) {
            out.write('\uFEFF');
        }
        return out;
    }

    private static ICSVWriter csv(Writer out, FileStyle style) {
        // OpenCSV's defaults are RFC 4180: quote with ", double an embedded quote, quote a cell that needs it.
        return new CSVWriterBuilder(out).withLineEnd(style.lineEnd()).build();
    }

    /**
     * How one file is laid out: the spec allows headers in any order and any case, ignores unknown
     * columns, accepts a byte-order mark; RFC 4180 allows CRLF or LF and quoting any cell.
     */
    private record FileStyle(String[] columns, String[] header, int[] sourceIndex, boolean byteOrderMark,
            String lineEnd, boolean quoteAll, String unknownColumn) {

        static FileStyle random(Random random, String[] canonical, String unknown) {
            List<String> order = new ArrayList<>(Arrays.asList(canonical));
            boolean withUnknown = random.nextBoolean();
            if (withUnknown) {
                order.add(random.nextInt(order.size() + 1), unknown);
            }
            if (random.nextInt(3) > 0) {
                Collections.shuffle(order, random);
            }
            String[] columns = order.toArray(String[]::new);
            int caseStyle = random.nextInt(4);
            String[] header = new String[columns.length];
            int[] sourceIndex = new int[columns.length];
            for (int i = 0; i < columns.length; i++) {
                header[i] = switch (caseStyle) {
                    case 0 -> columns[i];
                    case 1 -> columns[i].toUpperCase(Locale.ROOT);
                    case 2 -> titleCase(columns[i]);
                    default -> randomCase(columns[i], random);
                };
                sourceIndex[i] = Arrays.asList(canonical).indexOf(columns[i]);
            }
            return new FileStyle(columns, header, sourceIndex, random.nextInt(4) == 0,
                    random.nextBoolean() ? "\r\n" : "\n", random.nextInt(4) == 0, withUnknown ? unknown : null);
        }

        String describe() {
            return "header " + String.join(",", header) + (byteOrderMark ? "; byte-order mark" : "")
                    + (quoteAll ? "; every cell quoted" : "") + (lineEnd.equals("\r\n") ? "; CRLF" : "; LF");
        }

        /** The cells in canonical order, rearranged to this file's column order. */
        String[] cells(String[] canonical) {
            String[] out = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                out[i] = sourceIndex[i] < 0 ? "ignored, \"whatever\"\n=1+1" : canonical[sourceIndex[i]];
            }
            return out;
        }

        private static String titleCase(String name) {
            StringBuilder out = new StringBuilder();
            for (String part : name.split("_")) {
                if (!out.isEmpty()) {
                    out.append('_');
                }
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
            return out.toString();
        }

        private static String randomCase(String name, Random random) {
            StringBuilder out = new StringBuilder();
            for (char c : name.toCharArray()) {
                out.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
            }
            return out.toString();
        }
    }

    // --- the rows of one customer

    private static final class Customer {
        final Random random;
        final UUID tenant;
        final String name;
        final long[] ctId;
        final List<String[]> freeSkus;
        int extraSku;
        final List<CtRow> cts = new ArrayList<>();
        final List<ProviderRow> providers = new ArrayList<>();

        Customer(Random random, int index, long[] ctId) {
            this.random = random;
            this.tenant = uuid(random);
            int kind = random.nextInt(20);
            this.name = kind < 6 ? pick(random, HOSTILE_TEXT) : kind == 6 ? "" : "Customer %07d Ltd".formatted(index);
            this.ctId = ctId;
            this.freeSkus = new ArrayList<>(Arrays.asList(SKUS));
            Collections.shuffle(freeSkus, random);
        }

        /** A SKU that no other tenant-and-SKU scenario of this customer uses. */
        String[] exclusiveSku() {
            if (!freeSkus.isEmpty()) {
                return freeSkus.remove(freeSkus.size() - 1);
            }
            extraSku++;
            return new String[] {"ADDON_" + extraSku, "Add-on " + extraSku};
        }

        /** Any SKU: for records linked by subscription id, which never compete by tenant and SKU. */
        String[] anySku() {
            return SKUS[random.nextInt(SKUS.length)];
        }

        /** A provider subscription with random facts, and a CT record that agrees with it on everything. */
        Pair agreeingPair(String[] sku, String status) {
            ProviderRow p = provider(sku, status);
            CtRow c = new CtRow();
            c.id = nextCtId();
            c.tenant = tenant;
            c.subscription = p.subscription;
            c.sku = sku[0];
            c.display = random.nextInt(8) == 0 ? pick(random, HOSTILE_TEXT) : sku[1];
            c.licenses = p.quantity;
            c.renewal = p.termEnd.plusDays(1);
            c.status = status.equals("active") ? "Active" : "Inactive";
            c.autoRenew = p.autoRenew;
            c.price = price(random);
            c.currency = c.price == null && random.nextBoolean() ? null : pick(random, CURRENCIES);
            if (random.nextInt(10) == 0) {
                c.currency = null;
            }
            cts.add(c);
            return new Pair(c, p);
        }

        CtRow unlinkedAgreeing(ProviderRow p) {
            CtRow c = new CtRow();
            c.id = nextCtId();
            c.tenant = p.tenant;
            c.subscription = null;
            c.sku = p.sku;
            c.display = p.display != null && random.nextBoolean() ? p.display : "Unlinked " + p.sku;
            c.licenses = p.quantity;
            c.renewal = p.termEnd.plusDays(1);
            c.status = p.status.equals("active") ? "Active" : "Inactive";
            c.autoRenew = p.autoRenew;
            c.price = price(random);
            c.currency = pick(random, CURRENCIES);
            cts.add(c);
            return c;
        }

        /** An unlinked CT record with random facts and no provider subscription behind it. */
        CtRow unlinked(String[] sku) {
            CtRow c = new CtRow();
            c.id = nextCtId();
            c.tenant = tenant;
            c.sku = sku[0];
            c.display = sku[1];
            c.licenses = random.nextInt(300);
            c.renewal = BASE.plusDays(random.nextInt(700) - 100);
            c.status = random.nextInt(5) == 0 ? "Inactive" : "Active";
            c.autoRenew = random.nextBoolean();
            c.price = price(random);
            c.currency = pick(random, CURRENCIES);
            cts.add(c);
            return c;
        }

        ProviderRow provider(String[] sku, String status) {
            ProviderRow p = new ProviderRow();
            p.tenant = tenant;
            p.name = name;
            p.subscription = uuid(random);
            p.sku = sku[0];
            int display = random.nextInt(12);
            p.display = display == 0 ? null : display == 1 ? pick(random, HOSTILE_TEXT) : sku[1];
            p.quantity = random.nextInt(15) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 25 : 500);
            p.assigned = random.nextInt(6) == 0 ? null : random.nextInt(p.quantity + 1);
            p.status = status;
            p.autoRenew = random.nextInt(4) > 0;
            p.commitment = random.nextInt(5) == 0 ? "LEGACY" : "NCE";
            int term = random.nextInt(10);
            p.termDuration = term < 2 ? "P1M" : term < 9 ? "P1Y" : "P3Y";
            p.billingCycle = switch (p.termDuration) {
                case "P1M" -> "monthly";
                case "P3Y" -> random.nextBoolean() ? "triennial" : "annual";
                default -> random.nextBoolean() ? "annual" : "monthly";
            };
            p.termEnd = BASE.plusDays(random.nextInt(800) - 60);
            p.termStart = switch (p.termDuration) {
                case "P1M" -> p.termEnd.minusMonths(1).plusDays(1);
                case "P3Y" -> p.termEnd.minusYears(3).plusDays(1);
                default -> p.termEnd.minusYears(1).plusDays(1);
            };
            p.offer = "CFQ7TTC0%04d:%04d".formatted(random.nextInt(10_000), 1 + random.nextInt(3));
            p.refundable = p.commitment.equals("NCE") && p.quantity > 0 ? refundable(random, p) : null;
            providers.add(p);
            return p;
        }

        String nextCtId() {
            long n = ++ctId[0];
            return switch (random.nextInt(40)) {
                case 0 -> "=CT-" + n;
                case 1 -> "-" + n;
                case 2 -> "+CT" + n;
                case 3 -> "@ct" + n;
                case 4 -> "CT, \"" + n + "\"";
                default -> "CT-%07d".formatted(n);
            };
        }
    }

    private record Pair(CtRow ct, ProviderRow provider) {
    }

    private static final class CtRow {
        String id;
        UUID tenant;
        UUID subscription;
        String sku;
        String display;
        int licenses;
        LocalDate renewal;
        String status;
        boolean autoRenew;
        String price;
        String currency;

        String[] cells(Random random) {
            return new String[] {id, uuidText(tenant, random), subscription == null ? blank(random) : uuidText(subscription, random),
                    sku, display, Integer.toString(licenses), renewal.toString(),
                    status, ctBoolean(autoRenew, random),
                    price == null ? blank(random) : price, currency == null ? blank(random) : currency};
        }
    }

    private static final class ProviderRow {
        UUID tenant;
        String name;
        UUID subscription;
        String offer;
        String sku;
        String display;
        int quantity;
        Integer assigned;
        String status;
        boolean autoRenew;
        String commitment;
        String termDuration;
        String billingCycle;
        LocalDate termStart;
        LocalDate termEnd;
        String refundable;

        String[] cells(Random random) {
            return new String[] {uuidText(tenant, random), name, uuidText(subscription, random),
                    random.nextInt(10) == 0 ? "" : offer, sku, display == null ? blank(random) : display,
                    Integer.toString(quantity), assigned == null ? blank(random) : assigned.toString(), status,
                    providerBoolean(autoRenew, random), commitment, termDuration,
                    random.nextInt(10) == 0 ? "" : billingCycle, termStart.toString(), termEnd.toString(),
                    refundable == null ? "" : refundable};
        }
    }

    // --- scenarios: one rule or edge case each

    private record Scenario(String name, Consumer<Customer> build) {
    }

    private enum Field { QUANTITY, STATUS, RENEWAL, AUTO_RENEW }

    private static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        // Linked pairs.
        all.add(scenario("linked pair, all agree (OK)", c -> c.agreeingPair(c.anySku(), "active")));
        all.add(scenario("linked pair, both zero seats (OK)", c -> {
            Pair p = c.agreeingPair(c.anySku(), "active");
            p.provider.quantity = 0;
            p.provider.assigned = c.random.nextBoolean() ? 0 : null;
            p.provider.refundable = null;
            p.ct.licenses = 0;
        }));
        all.add(scenario("linked pair, CT bills more seats", c -> {
            Pair p = c.agreeingPair(c.anySku(), "active");
            p.ct.licenses = p.provider.quantity + 1 + c.random.nextInt(20);
        }));
        all.add(scenario("linked pair, CT bills fewer seats", c -> {
            Pair p = c.agreeingPair(c.anySku(), "active");
            p.provider.quantity = Math.max(p.provider.quantity, 2);
            p.ct.licenses = c.random.nextInt(p.provider.quantity);
        }));
        all.add(scenario("linked pair, provider has 0 seats, CT bills some", c -> {
            Pair p = c.agreeingPair(c.anySku(), "active");
            p.provider.quantity = 0;
            p.provider.assigned = null;
            p.provider.refundable = null;
            p.ct.licenses = 1 + c.random.nextInt(50);
        }));
        for (String providerStatus : PROVIDER_STATUSES) {
            for (String ctStatus : new String[] {"Active", "Inactive"}) {
                all.add(scenario("linked pair, provider " + providerStatus + " vs CT " + ctStatus, c -> {
                    Pair p = c.agreeingPair(c.anySku(), providerStatus);
                    p.ct.status = ctStatus;
                }));
            }
        }
        all.add(scenario("linked pair, renewal date one day late", c -> {
            Pair p = c.agreeingPair(c.anySku(), "active");
            p.ct.renewal = p.provider.termEnd.plusDays(2);
        }));
        all.add(scenario("linked pair, renewal date one day early (== term_end)", c -> {
            Pair p = c.agreeingPair(c.anySku(), "active");
            p.ct.renewal = p.provider.termEnd;
        }));
        all.add(scenario("linked pair, renewal date a term away", c -> {
            Pair p = c.agreeingPair(c.anySku(), "active");
            p.ct.renewal = p.provider.termEnd.plusDays(1).minusYears(1);
        }));
        all.add(scenario("linked pair, CT auto renew Yes, provider false", c -> {
            Pair p = c.agreeingPair(c.anySku(), "active");
            p.provider.autoRenew = false;
            p.ct.autoRenew = true;
        }));
        all.add(scenario("linked pair, CT auto renew No, provider true", c -> {
            Pair p = c.agreeingPair(c.anySku(), "active");
            p.provider.autoRenew = true;
            p.ct.autoRenew = false;
        }));
        for (int mask = 0; mask < 16; mask++) {
            if (Integer.bitCount(mask) < 2) {
                continue;
            }
            List<Field> fields = new ArrayList<>();
            for (Field f : Field.values()) {
                if ((mask & (1 << f.ordinal())) != 0) {
                    fields.add(f);
                }
            }
            all.add(scenario("linked pair, mismatch in " + fields, c -> {
                Pair p = c.agreeingPair(c.anySku(), c.random.nextInt(3) == 0 ? pick(c.random, PROVIDER_STATUSES) : "active");
                fields.forEach(f -> mismatch(c.random, p.ct, p.provider, f));
            }));
        }
        all.add(scenario("linked pair, provider row has another SKU than the CT record", c -> {
            Pair p = c.agreeingPair(c.anySku(), "active");
            p.ct.sku = "OTHER_" + p.provider.sku;
        }));
        all.add(scenario("linked pair, CT record filed under another tenant", c -> {
            Pair p = c.agreeingPair(c.anySku(), "active");
            p.ct.tenant = uuid(c.random);
        }));
        all.add(scenario("linked CT record, subscription id absent at the provider", c -> {
            Pair p = c.agreeingPair(c.anySku(), "active");
            c.providers.remove(p.provider);
        }));
        all.add(scenario("linked CT record absent at the provider, next to an unbilled subscription of its pair", c -> {
            String[] sku = c.exclusiveSku();
            Pair p = c.agreeingPair(sku, "active");
            c.providers.remove(p.provider);
            c.provider(sku, "active");
        }));
        all.add(scenario("linked CT record absent at the provider, next to an unlinked record and a free subscription", c -> {
            String[] sku = c.exclusiveSku();
            Pair p = c.agreeingPair(sku, "active");
            c.providers.remove(p.provider);
            c.unlinkedAgreeing(c.provider(sku, "active"));
        }));
        // Unlinked CT records: matching rule 2.
        all.add(scenario("unlinked CT record, one candidate, all agree (UNLINKED)", c ->
                c.unlinkedAgreeing(c.provider(c.exclusiveSku(), "active"))));
        all.add(scenario("unlinked CT record, one candidate, other mismatches too", c -> {
            ProviderRow p = c.provider(c.exclusiveSku(), c.random.nextInt(3) == 0 ? pick(c.random, PROVIDER_STATUSES) : "active");
            CtRow ct = c.unlinkedAgreeing(p);
            for (Field f : Field.values()) {
                if (c.random.nextBoolean()) {
                    mismatch(c.random, ct, p, f);
                }
            }
        }));
        all.add(scenario("unlinked CT record, one candidate that is not active", c ->
                c.unlinkedAgreeing(c.provider(c.exclusiveSku(), pick(c.random, Arrays.copyOfRange(PROVIDER_STATUSES, 1, 6))))));
        all.add(scenario("unlinked CT record, two candidates (AMBIGUOUS_MATCH)", c -> {
            String[] sku = c.exclusiveSku();
            c.unlinkedAgreeing(c.provider(sku, "active"));
            c.provider(sku, pick(c.random, PROVIDER_STATUSES));
        }));
        all.add(scenario("two unlinked CT records, one candidate", c -> {
            String[] sku = c.exclusiveSku();
            ProviderRow p = c.provider(sku, "active");
            c.unlinkedAgreeing(p);
            c.unlinkedAgreeing(p);
        }));
        all.add(scenario("two unlinked CT records, two candidates", c -> {
            String[] sku = c.exclusiveSku();
            c.unlinkedAgreeing(c.provider(sku, "active"));
            c.unlinkedAgreeing(c.provider(sku, "active"));
        }));
        all.add(scenario("unlinked CT record, no candidate", c -> c.unlinked(c.exclusiveSku())));
        all.add(scenario("unlinked CT record, its SKU only at another tenant", c -> {
            String[] sku = c.exclusiveSku();
            c.unlinked(sku);
            c.provider(sku, "active").tenant = uuid(c.random);
        }));
        all.add(scenario("unlinked CT record, the tenant has another SKU only", c -> {
            c.unlinked(c.exclusiveSku());
            c.provider(c.exclusiveSku(), "active");
        }));
        all.add(scenario("unlinked CT record, its pair's only subscription claimed by id", c -> {
            String[] sku = c.exclusiveSku();
            c.agreeingPair(sku, "active");
            c.unlinked(sku);
        }));
        all.add(scenario("unlinked CT record, one subscription of its pair claimed by id, one free", c -> {
            String[] sku = c.exclusiveSku();
            c.agreeingPair(sku, "active");
            c.unlinkedAgreeing(c.provider(sku, "active"));
        }));
        all.add(scenario("two unlinked CT records, one subscription claimed by id, one free", c -> {
            String[] sku = c.exclusiveSku();
            c.agreeingPair(sku, "active");
            ProviderRow free = c.provider(sku, "active");
            c.unlinkedAgreeing(free);
            c.unlinked(sku);
        }));
        // Provider subscriptions nobody bills: matching rule 3, whatever the status.
        for (String status : PROVIDER_STATUSES) {
            all.add(scenario("unbilled provider subscription, " + status, c -> c.provider(c.exclusiveSku(), status)));
        }
        return List.copyOf(all);
    }

    private static Scenario scenario(String name, Consumer<Customer> build) {
        return new Scenario(name, build);
    }

    /** Makes the CT record disagree with the provider subscription in one field. */
    private static void mismatch(Random random, CtRow ct, ProviderRow p, Field field) {
        switch (field) {
            case QUANTITY -> ct.licenses = p.quantity == 0 || random.nextBoolean()
                    ? p.quantity + 1 + random.nextInt(40) : random.nextInt(p.quantity);
            case STATUS -> ct.status = ct.status.equals("Active") ? "Inactive" : "Active";
            case RENEWAL -> ct.renewal = switch (random.nextInt(3)) {
                case 0 -> p.termEnd;
                case 1 -> p.termEnd.plusDays(2);
                default -> p.termEnd.plusDays(1 + 30 + random.nextInt(400));
            };
            case AUTO_RENEW -> ct.autoRenew = !p.autoRenew;
        }
    }

    // --- values

    private static String price(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> null;
            case 1 -> "0";
            case 2 -> "%d.%04d".formatted(random.nextInt(100), 1 + random.nextInt(9_999)); // e.g. 12.3456
            case 3 -> "12.3456";
            case 4 -> "%d.50".formatted(1 + random.nextInt(60));
            case 5 -> Integer.toString(1 + random.nextInt(60));
            case 6 -> "0.0001";
            case 7 -> "%d.%d0".formatted(random.nextInt(40), random.nextInt(10));
            default -> "%d.%02d".formatted(random.nextInt(60), random.nextInt(100));
        };
    }

    private static String refundable(Random random, ProviderRow p) {
        int batches = random.nextInt(4);
        if (batches == 0) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        int left = p.quantity;
        Instant from = BASE.minusDays(10).atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int i = 0; i < batches && left > 0; i++) {
            int q = i == batches - 1 ? left : 1 + random.nextInt(left);
            left -= q;
            parts.add(q + "@" + from.plusSeconds(random.nextInt(20 * 24 * 3600) / 60 * 60L));
        }
        return String.join(";", parts);
    }

    private static UUID uuid(Random random) {
        long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }

    private static String uuidText(UUID id, Random random) {
        return random.nextInt(12) == 0 ? id.toString().toUpperCase(Locale.ROOT) : id.toString();
    }

    private static String blank(Random random) {
        return random.nextInt(8) == 0 ? "  " : "";
    }

    private static String ctBoolean(boolean value, Random random) {
        return pick(random, value ? new String[] {"Yes", "Yes", "Yes", "yes", "true", "1"}
                : new String[] {"No", "No", "No", "no", "false", "0"});
    }

    private static String providerBoolean(boolean value, Random random) {
        return pick(random, value ? new String[] {"true", "true", "true", "true", "1", "yes"}
                : new String[] {"false", "false", "false", "false", "0", "no"});
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
