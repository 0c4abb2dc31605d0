# What the benchmark scripts share, sourced by bench/run.sh, bench/cpu-by-step.sh and bench/warm-sync.sh so
# that they name one data set, one database and one night the same way, and time the baseline and count busy
# CPU by one rule. Sets subscriptions,
# runs, seat_changes, seed, db and work from "$@" (on an unknown option prints lines usage_from..usage_to of
# the calling script, its header, and exits 2), PGHOST/PGPORT/PGUSER, and the names below. Expects to be
# sourced from the repository's root, which it records as repo.
repo=$(pwd)
subscriptions=1000000 runs=3 seat_changes=10000 seed=20261126 db=bench_recon work=/tmp/license-recon-bench
while [ $# -gt 0 ]; do
  case "$1" in
    --subscriptions) subscriptions=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seat-changes) seat_changes=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) sed -n "${usage_from},${usage_to}p" "$0" >&2; exit 2 ;;
  esac
done
# warm-sync.sh loads the CT records into a database of its own (db_suffix, set before sourcing this), so that
# the database bench/run.sh left for bench/cpu-by-step.sh stays as it was.
db=$db${db_suffix:-}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
heap=${BENCH_XMX:-512m}
as_of=2026-11-26T02:00:00Z
launcher=$repo/target/dist/license-recon
ct_file=$work/ct-licenses-$seed-$subscriptions.csv
provider_file=$work/provider-licenses-$seed-$subscriptions.csv
spring=(--spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$db" --spring.datasource.username="$PGUSER")

# The machine's busy CPU time so far, in seconds (all cores; /proc/stat's user, nice, system, irq, softirq).
# Sampled around a run, it counts everything on the machine: the JVM, psql, every PostgreSQL process the run
# kept busy, and whatever else ran then (PostgreSQL's own background work, such as a checkpoint, included).
hz=$(getconf CLK_TCK)
now() { date +%s.%N; }
seconds() { python3 -c "print('%.2f' % ($2 - $1))"; }  # $2 - $1, two readings of now or of busy_cpu
busy_cpu() { awk -v hz="$hz" '/^cpu / {printf "%.2f", ($2 + $3 + $4 + $7 + $8) / hz}' /proc/stat; }
# The server's write-ahead log position, and the megabytes written between two of them: what a run's durable
# writes cost PostgreSQL (every row of a logged table and every index page goes through the log; the baseline's
# unlogged table does not). The log is the whole server's, so anything else writing then counts too.
wal_position() { psql -qXAt -d "$db" -c "SELECT pg_current_wal_lsn()"; }
wal_mb() { psql -qXAt -d "$db" -c "SELECT round(pg_wal_lsn_diff('$2', '$1') / 1e6, 1)"; }

# Runs the hand-written baseline (bench/baseline.sql) on the data set's provider file in $db, its result into
# the file $1 and psql's output into $1.log; with $2 = true, the baseline that also stores its night durably (its keep
# variable). Sets baseline_total, baseline_load and baseline_join (seconds; psql's \timing of the \copy in and
# of every statement after it: the join with its \copy out, and what keeping adds), baseline_cpu (busy_cpu over
# the run) and baseline_wal (wal_mb over the run).
run_baseline() {
  local c0 c1 t0 t1 w0 w1
  provider_columns=${provider_columns:-$(python3 "$repo/bench/bench.py" columns "$provider_file")}
  w0=$(wal_position); c0=$(busy_cpu); t0=$(now)
  psql -X -d "$db" -v provider_file="$provider_file" -v provider_columns="$provider_columns" -v result_file="$1" \
    -v keep="${2:-false}" -f "$repo/bench/baseline.sql" >"$1.log"
  t1=$(now); c1=$(busy_cpu); w1=$(wal_position)
  baseline_load=$(awk '/^Time:/ {n++; if (n == 1) printf "%.2f", $2 / 1000}' "$1.log")
  baseline_join=$(awk '/^Time:/ {n++; if (n > 1) s += $2} END {printf "%.2f", s / 1000}' "$1.log")
  baseline_total=$(seconds "$t0" "$t1")
  baseline_cpu=$(seconds "$c0" "$c1")
  baseline_wal=$(wal_mb "$w0" "$w1")
}
# Appends the last run_baseline's total, busy CPU and write-ahead log to $results, as run $1 of kind $2.
record_baseline() {
  printf '%s\t%s\ttotal\t%s\t-\n%s\t%s\tcpu\t%s\t-\n%s\t%s\twal\t%s\t-\n' \
    "$1" "$2" "$baseline_total" "$1" "$2" "$baseline_cpu" "$1" "$2" "$baseline_wal" >>"$results"
}
