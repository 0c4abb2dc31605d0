package com.licenserecon.command;

import com.licenserecon.csv.FieldError;
import com.licenserecon.csv.FileRefusedException;
import com.licenserecon.csv.InstantText;
import com.licenserecon.report.CsvLine;
import com.licenserecon.report.RenewalWindowsReport;
import com.licenserecon.report.SeatChangeReport;
import com.licenserecon.seatchange.SeatChangeDecision;
import com.licenserecon.seatchange.SeatChangeEvent;
import com.licenserecon.seatchange.SeatChangeIntake;
import com.licenserecon.seatchange.SeatChangeLauncher;
import com.licenserecon.seatchange.SeatChangePreview;
import com.licenserecon.seatchange.SeatChangeRun;
import com.licenserecon.seatchange.SeatChangeStatus;
import com.licenserecon.seatchange.SeatChangeStore;
import com.licenserecon.seatchange.StoredRequest;
import com.licenserecon.sync.SyncProperties;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.batch.core.BatchStatus;
import org.springframework.stereotype.Component;

/** {@code seat-changes submit|list|cancel|history|apply}: the ops queue of Additional/Less requests. */
@Component
public class SeatChangesCommand implements Command {

    private final SeatChangeIntake intake;
    private final SeatChangeStore store;
    private final SeatChangeLauncher launcher;
    private final SeatChangePreview preview;
    private final SyncProperties syncProperties;
    private final Clock clock;

    public SeatChangesCommand(SeatChangeIntake intake, SeatChangeStore store, SeatChangeLauncher launcher,
            SeatChangePreview preview, SyncProperties syncProperties, Clock clock) {
        this.intake = intake;
        this.store = store;
        this.launcher = launcher;
        this.preview = preview;
        this.syncProperties = syncProperties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "seat-changes";
    }

    @Override
    public String usage() {
        return """
                seat-changes submit FILE [--by WHO]
                  seat-changes list [--status QUEUED|APPLIED|REJECTED|CANCELLED] [--customer TENANT]
                  seat-changes cancel ID --by WHO [--reason TEXT]
                  seat-changes history ID
                  seat-changes apply [--as-of INSTANT] [--report-dir DIR] [--dry-run]""";
    }

    @Override
    public int run(CommandArguments arguments, PrintStream out) throws Exception {
        String sub = arguments.positional().isEmpty() ? "" : arguments.positional().get(0);
        return switch (sub) {
            case "submit" -> submit(arguments, out);
            case "list" -> list(arguments, out);
            case "cancel" -> cancel(arguments, out);
            case "history" -> history(arguments, out);
            case "apply" -> apply(arguments, out);
            default -> throw new UsageException("seat-changes needs one of submit, list, cancel, history, apply");
        };
    }

    private int submit(CommandArguments arguments, PrintStream out) throws Exception {
        arguments.allowOnly(Set.of("by"), 2);
        Path file = Path.of(arguments.positional().get(1));
        String by = arguments.option("by").orElse(System.getProperty("user.name"));
        try {
            var result = intake.submit(file, by);
            out.printf("seat-changes submit %s: %d queued, %d skipped (request_key seen before)%n", file,
                    result.queued().size(), result.skipped());
            for (var queued : result.queued()) {
                out.printf("queued %s line %d%s%n", queued.requestId(), queued.lineNumber(),
                        queued.requestKey() == null ? "" : " request_key " + queued.requestKey());
            }
            return 0;
        } catch (FileRefusedException e) {
            for (FieldError error : e.errors()) {
                System.err.println("  " + error.describe());
            }
            throw e;
        }
    }

    private int list(CommandArguments arguments, PrintStream out) {
        arguments.allowOnly(Set.of("status", "customer"), 1);
        SeatChangeStatus status = arguments.option("status").map(s -> parse(s, SeatChangeStatus.class, "--status"))
                .orElse(null);
        UUID customer = arguments.option("customer").map(s -> uuid(s, "--customer")).orElse(null);
        out.println(CsvLine.format(new String[] {"request_id", "request_key", "customer_tenant_id", "subscription_id",
                "change", "amount", "requested_by", "requested_at", "status", "reason_code", "quantity_after",
                "eligible_from"}));
        for (StoredRequest r : store.list(status, customer)) {
            out.println(CsvLine.format(new String[] {r.requestId().toString(), Objects.toString(r.requestKey(), ""),
                    r.customerTenantId().toString(), r.subscriptionId().toString(), r.kind().label(),
                    Integer.toString(r.amount()), r.requestedBy(), r.requestedAt().toString(), r.status().name(),
                    Objects.toString(r.reasonCode(), ""), Objects.toString(r.quantityAfter(), ""),
                    Objects.toString(r.eligibleFrom(), "")}));
        }
        return 0;
    }

    private int cancel(CommandArguments arguments, PrintStream out) {
        arguments.allowOnly(Set.of("by", "reason"), 2);
        UUID id = uuid(arguments.positional().get(1), "ID");
        String by = arguments.option("by").orElseThrow(() -> new UsageException("cancel needs --by WHO"));
        store.find(id).orElseThrow(() -> new IllegalArgumentException("no seat change request " + id));
        if (!store.cancel(id, by, arguments.option("reason").orElse("cancelled by " + by), clock.instant())) {
            throw new IllegalStateException(store.cancelRefusal(id));
        }
        out.printf("cancelled %s%n", id);
        return 0;
    }

    private int history(CommandArguments arguments, PrintStream out) {
        arguments.allowOnly(Set.of(), 2);
        UUID id = uuid(arguments.positional().get(1), "ID");
        StoredRequest r = store.find(id).orElseThrow(() -> new IllegalArgumentException("no seat change request " + id));
        out.printf("request %s: %s %d on subscription %s (tenant %s), requested by %s at %s; now %s%s%n",
                r.requestId(), r.kind().label(), r.amount(), r.subscriptionId(), r.customerTenantId(), r.requestedBy(),
                r.requestedAt(), r.status(), r.reasonCode() == null ? "" : " " + r.reasonCode());
        out.println(CsvLine.format(new String[] {"at", "from", "to", "reason_code", "reason", "by"}));
        for (SeatChangeEvent e : store.history(id)) {
            out.println(CsvLine.format(new String[] {e.occurredAt().toString(), e.from() == null ? "" : e.from().name(),
                    e.to().name(), Objects.toString(e.reasonCode(), ""), Objects.toString(e.reason(), ""), e.actor()}));
        }
        return 0;
    }

    private int apply(CommandArguments arguments, PrintStream out) throws Exception {
        arguments.allowOnly(Set.of("as-of", "report-dir"), 1);
        Instant asOf = arguments.option("as-of").map(t -> InstantText.require(t, "--as-of")).orElse(clock.instant());
        Path reportDir = arguments.option("report-dir").map(Path::of).orElse(syncProperties.reportDir());
        if (arguments.flag("dry-run")) {
            SeatChangeRun.Result result = preview.queuedAt(launcher.latestSnapshot(), asOf);
            out.println(CsvLine.format(new String[] {"request_id", "subscription_id", "change", "amount", "would_be",
                    "reason_code", "quantity_after", "eligible_from", "reason"}));
            for (SeatChangeRun.Decided d : result.decisions()) {
                SeatChangeDecision decision = d.decision();
                out.println(CsvLine.format(new String[] {d.request().requestId().toString(),
                        d.request().subscriptionId().toString(), d.request().kind().label(),
                        Integer.toString(d.request().amount()), decision.status().name(),
                        decision.reasonCode() == null ? "" : decision.reasonCode().name(),
                        Objects.toString(decision.quantityAfter(), ""), Objects.toString(decision.eligibleFrom(), ""),
                        decision.reason()}));
            }
            out.printf("seat-changes apply --dry-run as of %s: %d queued requests, nothing was changed%n", asOf,
                    result.decisions().size());
            return 0;
        }
        var execution = launcher.launch(asOf, reportDir);
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new JobFailedException("seat-changes apply", execution);
        }
        var date = asOf.atZone(ZoneOffset.UTC).toLocalDate();
        out.printf("seat-changes apply as of %s: completed (execution %d); reports in %s: %s-%s.csv, %s-%s.csv%n", asOf,
                execution.getId(), reportDir.toAbsolutePath().normalize(), SeatChangeReport.KIND, date,
                RenewalWindowsReport.KIND, date);
        return 0;
    }

    private static <E extends Enum<E>> E parse(String text, Class<E> type, String what) {
        try {
            return Enum.valueOf(type, text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("%s must be one of %s".formatted(what, Arrays.toString(type.getEnumConstants())));
        }
    }

    private static UUID uuid(String text, String what) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(what + " '" + text + "' is not a UUID");
        }
    }
}
