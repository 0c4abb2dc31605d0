#!/usr/bin/env bash
# The nightly sync as `serve` runs it, against bench/run.sh's baseline. `serve` starts once and then runs
# the sync every night in the same JVM; the `sync` command that bench/run.sh times starts a JVM for each
# night and compiles its code again. Here one service JVM (com.licenserecon.support.WarmSyncBench: the serve
# profile, Quartz not started, the JVM's default options as `java -jar license-recon.jar serve` has them)
# runs K nights of the data set, each after one baseline run, on a fresh database with the CT records loaded.
#
#   bench/warm-sync.sh [--subscriptions N] [--runs K] [--seed S] [--db NAME] [--work DIR]
#
# Defaults and PostgreSQL variables as bench/run.sh, which must have run first (the jar, the test classes
# and the data set); the database NAME_warm is dropped and created again. Prints each run, then the medians:
# "first night" is the first sync after the JVM started (it compiles the code), "sync" the nights after it.
# Exits 1 if a run fails or its reconciliation report differs from the baseline's.
set -euo pipefail
cd "$(dirname "$0")/.."

# WarmSyncBench calls this script back before and after each night: --hook before RUN, or --hook after RUN
# WALL JVM_CPU (the night's seconds), then the options.
hook= run=
if [ "${1:-}" = --hook ]; then
  hook=$2 run=$3
  shift 3
  if [ "$hook" = after ]; then
    wall=$1 jvm=$2
    shift 2
  fi
fi
options=("$@")
usage_from=2 usage_to=13 db_suffix=_warm
source bench/common.sh
jar=$repo/target/license-recon.jar
results=$work/warm-results.tsv
[ -f "$jar" ] && [ -d "$repo/target/test-classes" ] && [ -f "$provider_file" ] \
  || { echo "run bench/run.sh first (no $jar, test classes or $provider_file)" >&2; exit 2; }
cd "$work"

if [ "$hook" = before ]; then
  # Nothing of the night before may stand in for this night's, should a step below fail.
  rm -rf warm-busy baseline.csv reports
  run_baseline "$work/baseline.csv"
  record_baseline "$run" baseline
  busy_cpu >warm-busy
  exit 0
fi
if [ "$hook" = after ]; then
  busy=$(seconds "$(cat warm-busy)" "$(busy_cpu)")
  kind=$([ "$run" = 1 ] && echo "first night" || echo sync)
  printf '%s\t%s\ttotal\t%s\t-\n%s\t%s\tcpu\t%s\t-\n%s\t%s\tcpu, JVM\t%s\t-\n' \
    "$run" "$kind" "$wall" "$run" "$kind" "$busy" "$run" "$kind" "$jvm" >>"$results"
  python3 "$repo/bench/bench.py" compare baseline.csv reports/reconciliation-2026-11-26.csv
  exit
fi

: >"$results"
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
JAVA_OPTS="-Xmx$heap" "$launcher" import-ct "$ct_file" "${spring[@]}" >import-ct.log 2>&1 || { tail -n 20 import-ct.log; exit 1; }
psql -qX -d "$db" -c "VACUUM ANALYZE" >/dev/null

printf -v self '%q' "$repo/bench/warm-sync.sh"
printf -v passed ' %q' "${options[@]}"
[ ${#options[@]} -gt 0 ] || passed=
failed=0
java -Xmx"$heap" -cp "$jar" -Dloader.path="$repo/target/test-classes" -Dloader.main=com.licenserecon.support.WarmSyncBench \
  org.springframework.boot.loader.launch.PropertiesLauncher "$runs" "$provider_file" "$as_of" "$work/reports" \
  "$self --hook before \$1$passed" "$self --hook after \$1 \$2 \$3$passed" "${spring[@]}" >warm-sync.log 2>&1 || failed=1
grep -E '^(warm-sync run|compare:)' warm-sync.log || true
[ "$failed" -eq 0 ] || tail -n 20 warm-sync.log

echo
echo "license-recon warm-sync benchmark: the sync in one serve JVM, $runs nights, seed $seed, -Xmx$heap, database $db"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(psql -qXAt -d "$db" -c 'SHOW server_version') on $PGHOST"
python3 "$repo/bench/bench.py" summary "$results"
exit "$failed"
