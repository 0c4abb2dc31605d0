#!/usr/bin/env bash
# The benchmark of issue #7: a night of N provider subscriptions (and about as many CT records) on
# PostgreSQL, `sync` against a hand-written psql baseline (bench/baseline.sql), run alternately; then
# one seat-change run of M queued requests with the file gateway.
#
#   bench/run.sh [--subscriptions N] [--runs K] [--seat-changes M] [--seed S] [--db NAME] [--work DIR]
#
# Defaults: N=1000000, K=3, M=10000, S=20261126, NAME=bench_recon, DIR=/tmp/license-recon-bench.
# PostgreSQL: PGHOST/PGPORT/PGUSER (default 127.0.0.1, 5432, postgres); the database NAME is dropped and
# created again. Prints each run, then medians, the ratio sync/baseline, peak RSS, rows per second, the CPU
# time and the megabytes of write-ahead log each side cost.
# Exits 1 if sync's reconciliation report differs from the baseline's in any row, or the reference baseline that
# stores its night durably (bench/baseline.sql with keep=true, timed after each pair) writes another report.
set -euo pipefail
cd "$(dirname "$0")/.."

usage_from=2 usage_to=13
source bench/common.sh
jar=$repo/target/license-recon.jar
mkdir -p "$work"
results=$work/results.tsv
: >"$results"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# --- build: the jar, and the test classes that hold the seeded data generator
if [ ! -f "$jar" ] || [ ! -d target/test-classes ] || [ -n "$(find src pom.xml sql -newer "$jar" -type f | head -n 1)" ]; then
  log "building the jar (mvn -DskipTests package)"
  mvn -B -q -DskipTests package
fi
# The commands run as production runs them from cron: the extracted layout with its class data sharing
# archive (scripts/dist.sh), which starts in about 2 s instead of 3.5 s.
if [ ! -x "$launcher" ] || [ "$jar" -nt "$launcher" ]; then
  log "laying out target/dist (scripts/dist.sh)"
  "$repo/scripts/dist.sh" >/dev/null
fi

# --- data: the repository's seeded generator, about 2.6 provider rows per customer
customers=$(( subscriptions * 10 / 26 ))
if [ ! -f "$provider_file" ]; then
  log "generating $customers customers (seed $seed)"
  java -cp "$jar" -Dloader.path=target/test-classes -Dloader.main=com.licenserecon.support.LicenseDataGenerator \
    org.springframework.boot.loader.launch.PropertiesLauncher "$seed" "$customers" "$ct_file" "$provider_file"
fi
provider_rows=$(python3 -c "import csv,sys; csv.field_size_limit(10**7); print(sum(1 for _ in csv.reader(open(sys.argv[1], newline='', encoding='utf-8-sig'))) - 1)" "$provider_file")
ct_rows=$(python3 -c "import csv,sys; csv.field_size_limit(10**7); print(sum(1 for _ in csv.reader(open(sys.argv[1], newline='', encoding='utf-8-sig'))) - 1)" "$ct_file")
log "data: $provider_rows provider rows, $ct_rows CT rows"

# --- a fresh database, the CT records loaded once
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
cd "$work"

# Runs a command (the launcher) under /usr/bin/time -v (or polls /proc for the peak RSS); sets rss_kb, and
# jvm_cpu (the JVM's user and system CPU seconds; "-" without /usr/bin/time).
run_jar() {
  local out=$1; shift
  if [ -x /usr/bin/time ]; then
    JAVA_OPTS="-Xmx$heap" /usr/bin/time -v -o "$out.time" "$launcher" "$@" >"$out" 2>&1 || { tail -n 20 "$out"; return 1; }
    rss_kb=$(awk -F': ' '/Maximum resident/ {print $2}' "$out.time")
    jvm_cpu=$(awk -F': ' '/User time|System time/ {s += $2; n++} END {if (n) printf "%.2f", s; else print "-"}' "$out.time")
  else
    JAVA_OPTS="-Xmx$heap" "$launcher" "$@" >"$out" 2>&1 &
    local pid=$! peak=0 hwm
    while kill -0 "$pid" 2>/dev/null; do
      hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ "${hwm:-0}" -gt "$peak" ] && peak=$hwm
      sleep 0.2
    done
    wait "$pid" || { tail -n 20 "$out"; return 1; }
    rss_kb=$peak
    jvm_cpu=-
  fi
}

log "import-ct"
t0=$(now); run_jar import-ct.log import-ct "$ct_file" "${spring[@]}"; t1=$(now)
printf '0\timport-ct\ttotal\t%s\t%s\n0\timport-ct\trss\t%s\t-\n' "$(seconds "$t0" "$t1")" "$ct_rows" "$rss_kb" >>"$results"
psql -qX -d "$db" -c "VACUUM ANALYZE" >/dev/null

step_seconds() { # the sum of the durations of the latest sync's steps named $1 (SQL SIMILAR TO pattern)
  psql -qXAt -d "$db" -c "SELECT COALESCE(EXTRACT(EPOCH FROM SUM(end_time - start_time)), 0)::numeric(10,2)
    FROM batch_step_execution WHERE step_name SIMILAR TO '$1'
    AND job_execution_id = (SELECT MAX(job_execution_id) FROM batch_job_execution)"
}
span_seconds() { # first start to last end of the latest sync's steps named $1: steps that ran in parallel count once
  psql -qXAt -d "$db" -c "SELECT COALESCE(EXTRACT(EPOCH FROM MAX(end_time) - MIN(start_time)), 0)::numeric(10,2)
    FROM batch_step_execution WHERE step_name SIMILAR TO '$1'
    AND job_execution_id = (SELECT MAX(job_execution_id) FROM batch_job_execution)"
}

failed=0 kept_differs=0
for run in $(seq 1 "$runs"); do
  # Baseline: psql's \timing gives the load and the join-and-write apart.
  run_baseline "$work/baseline.csv"
  report_rows=$(python3 -c "import csv,sys; csv.field_size_limit(10**7); print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=''))) - 1)" baseline.csv)
  record_baseline "$run" baseline
  printf '%s\tbaseline\tload (\\copy in)\t%s\t%s\n%s\tbaseline\tjoin + \\copy out\t%s\t%s\n' \
    "$run" "$baseline_load" "$provider_rows" "$run" "$baseline_join" "$report_rows" >>"$results"

  rm -rf reports
  w0=$(wal_position); c0=$(busy_cpu); t0=$(now)
  run_jar sync.log sync --provider-file "$provider_file" --as-of "$as_of" --report-dir "$work/reports" --rerun "${spring[@]}"
  t1=$(now); c1=$(busy_cpu); w1=$(wal_position)
  total=$(seconds "$t0" "$t1")
  job=$(psql -qXAt -d "$db" -c "SELECT EXTRACT(EPOCH FROM end_time - start_time)::numeric(10,2) FROM batch_job_execution
    WHERE job_execution_id = (SELECT MAX(job_execution_id) FROM batch_job_execution)")
  {
    printf '%s\tsync\ttotal\t%s\t-\n' "$run" "$total"
    printf '%s\tsync\tstart-up and shut-down\t%s\t-\n' "$run" "$(python3 -c "print('%.2f' % ($total - $job))")"
    printf '%s\tsync\timport\t%s\t%s\n' "$run" "$(step_seconds 'providerImportStep|duplicateSubscriptionStep|rejectsStep|rejectGateStep')" "$provider_rows"
    printf '%s\tsync\tseat changes\t%s\t-\n' "$run" "$(step_seconds 'seatChange(Recovery)?Step')"
    printf '%s\tsync\treconcile\t%s\t%s\n' "$run" "$(step_seconds 'reconcileStep|reconcileAttachStep')" "$report_rows"
    printf '%s\tsync\treports, publish (wall)\t%s\t%s\n' "$run" "$(span_seconds 'resultsIndexStep|reconciliationReportStep|seatChangeReportStep|renewalWindowsReportStep|summaryReportStep|publishReportsStep')" "$report_rows"
    printf '%s\tsync\t  reconciliation report\t%s\t%s\n' "$run" "$(step_seconds 'reconciliationReportStep')" "$report_rows"
    printf '%s\tsync\t  renewal windows (parallel)\t%s\t-\n' "$run" "$(step_seconds 'renewalWindowsReportStep')"
    printf '%s\tsync\trss\t%s\t-\n' "$run" "$rss_kb"
    printf '%s\tsync\tcpu\t%s\t-\n' "$run" "$(seconds "$c0" "$c1")"
    printf '%s\tsync\twal\t%s\t-\n' "$run" "$(wal_mb "$w0" "$w1")"
    [ "$jvm_cpu" = - ] || printf '%s\tsync\tcpu, JVM\t%s\t-\n' "$run" "$jvm_cpu"
  } >>"$results"
  official=$baseline_total
  python3 "$repo/bench/bench.py" compare baseline.csv reports/reconciliation-2026-11-26.csv || failed=1

  # For reference, not the target: the same script storing its night durably (bench/baseline.sql, keep),
  # after the pair so that it times neither; a checkpoint then, so that its log is not the next run's work.
  run_baseline "$work/kept-baseline.csv" true
  record_baseline "$run" "kept baseline"
  cmp -s baseline.csv kept-baseline.csv || { echo "the baseline that stores its night wrote another report" >&2; kept_differs=1; }
  # Its tables are dropped now, not by the next baseline inside its timed run.
  psql -qX -d "$db" -c "DROP TABLE baseline_result, baseline_provider" -c "CHECKPOINT" >/dev/null
  log "run $run: baseline $official s, sync $total s (peak RSS $((rss_kb / 1024)) MB); the baseline storing its night $baseline_total s"
done

# --- seat changes: M queued requests decided and applied in one run, file gateway (the default)
if [ "$seat_changes" -gt 0 ]; then
  python3 "$repo/bench/bench.py" seat-requests baseline.csv "$seat_changes" seat-changes.csv
  log "seat-changes submit ($seat_changes requests)"
  t0=$(now); run_jar submit.log seat-changes submit seat-changes.csv --by bench "${spring[@]}"; t1=$(now)
  printf '0\tseat-changes\tsubmit (wall)\t%s\t%s\n' "$(seconds "$t0" "$t1")" "$seat_changes" >>"$results"
  log "seat-changes apply"
  t0=$(now)
  run_jar apply.log seat-changes apply --as-of 2026-11-26T03:00:00Z --report-dir "$work/reports" "${spring[@]}"
  t1=$(now)
  job=$(psql -qXAt -d "$db" -c "SELECT EXTRACT(EPOCH FROM end_time - start_time)::numeric(10,2) FROM batch_job_execution
    WHERE job_execution_id = (SELECT MAX(job_execution_id) FROM batch_job_execution)")
  printf '0\tseat-changes\tapply (wall)\t%s\t%s\n0\tseat-changes\tapply (job)\t%s\t%s\n0\tseat-changes\trss\t%s\t-\n' \
    "$(seconds "$t0" "$t1")" "$seat_changes" "$job" "$seat_changes" "$rss_kb" >>"$results"
  psql -qXAt -d "$db" -c "SELECT 'seat changes: ' || string_agg(status || '=' || n, ', ' ORDER BY status)
    FROM (SELECT status, COUNT(*) AS n FROM seat_change_request GROUP BY status) s"
fi

echo
echo "license-recon benchmark: $provider_rows provider subscriptions, $ct_rows CT records, seed $seed, $runs runs, -Xmx$heap"
echo "load average (1, 5, 15 min): $load_before at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end; other work on the machine slows both sides"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(psql -qXAt -d "$db" -c 'SHOW server_version') on $PGHOST"
python3 "$repo/bench/bench.py" summary "$results"
[ "$failed" -eq 0 ] && echo "reports: sync's reconciliation equals the baseline's in every row" || echo "reports: DIFFERENCES (see above)"
[ "$kept_differs" -eq 0 ] || echo "reports: the baseline that stores its night wrote another report than the baseline's"
exit $(( failed | kept_differs ))
