#!/usr/bin/env python3
"""Helpers of bench/run.sh and bench/warm-sync.sh (standard library only).

  columns FILE                          the CSV header in lower case, comma-joined (for psql's \\copy)
  seat-requests REPORT N OUT            N seat change requests on the subscriptions of a reconciliation report
  compare BASELINE REPORT               the product's reconciliation report against the baseline's, cell by cell
  summary RESULTS                       medians, ratio, peak RSS and rows per second of a results file
"""
import csv
import os
import statistics
import sys
from decimal import Decimal, InvalidOperation

csv.field_size_limit(10_000_000)

REPORT_COLUMNS = ["customer_tenant_id", "customer_name", "subscription_id", "ct_license_id", "sku_part_number",
                  "display_name", "commitment", "ct_licenses", "provider_quantity", "assigned", "quantity_delta",
                  "ct_status", "provider_status", "ct_renewal_date", "provider_renewal_date", "ct_auto_renew",
                  "provider_auto_renew", "unit_price", "currency", "monthly_amount_delta", "result"]
MONEY = {"unit_price", "monthly_amount_delta"}
BOOLEANS = {"ct_auto_renew", "provider_auto_renew"}
TEXT = {"customer_name", "ct_license_id", "sku_part_number", "display_name", "currency"}


def open_csv(path):
    return open(path, newline="", encoding="utf-8-sig")


def columns(path):
    with open_csv(path) as f:
        print(",".join(c.strip().lower() for c in next(csv.reader(f))))


def seat_requests(report, n, out):
    """N requests on the subscriptions of a reconciliation report (the baseline's), spread over it: mostly
    decreases, which the NCE window rules decide, some increases, a few on unknown subscriptions, all at
    distinct instants before the run. A decrease never asks for more seats than the CT record bills: the
    applier moves ct_licenses by the same amount, and the schema keeps it >= 0."""
    n = int(n)
    with open_csv(report) as f:
        reader = csv.reader(f)
        header = next(reader)
        tenant, sub, billed = (header.index(c) for c in ("customer_tenant_id", "subscription_id", "ct_licenses"))
        rows = [(r[tenant], r[sub], int(r[billed]) if r[billed] else None) for r in reader if r[sub]]
    step = max(1, len(rows) // n)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["customer_tenant_id", "subscription_id", "change", "amount", "requested_by", "requested_at",
                    "request_key", "note"])
        for i in range(n):
            t, s, ct_licenses = rows[(i * step) % len(rows)]
            if i % 50 == 49:
                s = "00000000-0000-4000-8000-%012d" % i  # unknown subscription
            less = i % 4 != 0 and (ct_licenses is None or ct_licenses >= 1)
            amount = min(1 + i % 3, ct_licenses or 3) if less else 1 + i % 10
            at = "2026-11-2%dT%02d:%02d:%02dZ" % (4 + (i // 36000) % 2, (i // 3600) % 10, (i // 60) % 60, i % 60)
            w.writerow([t, s, "Less" if less else "Additional", amount, "bench", at, "bench-%07d" % i, ""])


def normalized(column, value, product):
    value = value if value is not None else ""
    if product and column in TEXT and len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        value = value[1:]  # the report's spreadsheet guard
    if column in TEXT:
        value = value.replace("\r\n", "\n").strip()  # the product's reader reads a CRLF in a cell as LF
    if column in MONEY and value:
        try:
            return Decimal(value).normalize()
        except InvalidOperation:
            return value
    if column in BOOLEANS:
        return {"t": "true", "f": "false"}.get(value, value)
    return value


def compare(baseline, report):
    """Both files are sorted as the spec says, so they are read side by side, in constant memory."""
    rows = differences = 0
    codes = {}
    with open_csv(baseline) as b, open_csv(report) as r:
        br, rr = csv.reader(b), csv.reader(r)
        bh, rh = next(br), next(rr)
        if rh != REPORT_COLUMNS or bh != REPORT_COLUMNS:
            print("compare: unexpected header", rh, bh)
            return 1
        while True:
            brow, rrow = next(br, None), next(rr, None)
            if brow is None and rrow is None:
                break
            if brow is None or rrow is None:
                print("compare: the %s has more rows (after %d)" % ("baseline" if rrow is None else "report", rows))
                return 1
            rows += 1
            for code in rrow[-1].split(";"):
                codes[code] = codes.get(code, 0) + 1
            bad = [c for c, bv, rv in zip(REPORT_COLUMNS, brow, rrow)
                   if normalized(c, bv, False) != normalized(c, rv, True)]
            if bad:
                differences += 1
                if differences <= 5:
                    print("compare: row %d differs in %s:\n  baseline %s\n  report   %s" % (rows, bad, brow, rrow))
    print("compare: %d rows, %d differ; codes %s" % (rows, differences,
                                                   ", ".join("%s=%d" % kv for kv in sorted(codes.items()))))
    return 1 if differences else 0


def summary(path):
    """RESULTS: tab-separated lines `run kind phase seconds rows` (kind: baseline, kept baseline, sync, seat-changes; warm-sync.sh
    also writes `first night`, the first sync in its JVM) and
    `run kind rss kilobytes -`. The phases `cpu` (the whole machine's busy CPU seconds over a run) and
    `cpu, JVM` are CPU time, not wall time; `wal` is the megabytes of write-ahead log the server wrote."""
    times, rows, rss = {}, {}, {}
    with open(path) as f:
        for line in f:
            run, kind, phase, value, count = line.rstrip("\n").split("\t")
            if phase == "rss":
                rss.setdefault(kind, []).append(int(value))
            else:
                times.setdefault((kind, phase), []).append(float(value))
                if count != "-":
                    rows[(kind, phase)] = int(count)
    print("%-14s %-30s %10s %12s %s" % ("kind", "phase", "median s", "rows/s", "runs (s)"))
    for (kind, phase), values in times.items():
        med = statistics.median(values)
        rate = "%12.0f" % (rows[(kind, phase)] / med) if (kind, phase) in rows and med > 0 else "%12s" % "-"
        label = phase + " (CPU-s)" if phase.startswith("cpu") else "WAL written (MB)" if phase == "wal" else phase
        print("%-14s %-30s %10.2f %s %s" % (kind, label, med, rate, " ".join("%.2f" % v for v in values)))
    for kind, values in rss.items():
        print("%-14s peak RSS %d MB (max of %d runs)" % (kind, max(values) // 1024, len(values)))
    if ("baseline", "total") in times and ("sync", "total") in times:
        ratio = statistics.median(times[("sync", "total")]) / statistics.median(times[("baseline", "total")])
        print("ratio sync / baseline (medians of the totals): %.2f" % ratio)
    if ("kept baseline", "total") in times and ("sync", "total") in times:
        kept = statistics.median(times[("sync", "total")]) / statistics.median(times[("kept baseline", "total")])
        print("for reference, sync / the baseline storing its night durably (logged, indexed, the result stored): %.2f"
              % kept)
    if ("baseline", "cpu") in times and ("sync", "cpu") in times:
        cores = os.cpu_count()
        base_wall, sync_wall = (statistics.median(times[(k, "total")]) for k in ("baseline", "sync"))
        base_cpu, sync_cpu = (statistics.median(times[(k, "cpu")]) for k in ("baseline", "sync"))
        # A run can go no faster than its CPU work spread evenly over every core: this ratio is what the
        # work alone allows, however well the run keeps the cores busy.
        print("CPU (whole machine, medians): baseline %.2f CPU-s, %.0f%% of %d cores over its run; sync %.2f CPU-s, %.0f%%"
              % (base_cpu, 100 * base_cpu / (cores * base_wall), cores, sync_cpu, 100 * sync_cpu / (cores * sync_wall)))
        print("sync's CPU work on %d cores with none ever idle: %.2f s, a ratio of %.2f; less than that needs less work"
              % (cores, sync_cpu / cores, sync_cpu / cores / base_wall))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "columns":
        columns(*args)
    elif command == "seat-requests":
        seat_requests(*args)
    elif command == "compare":
        sys.exit(compare(*args))
    elif command == "summary":
        summary(*args)
    else:
        print(__doc__)
        sys.exit(2)
