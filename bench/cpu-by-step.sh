#!/usr/bin/env bash
# Where one sync's CPU goes: after bench/run.sh has made the database and the data set, runs one more
# `sync --rerun` and prints, for each phase (start-up, each step or group of steps, shut-down), its wall
# time, the busy CPU seconds of everything on the machine over it (/proc/stat, sampled every 0.2 s) and the
# share of the cores they kept busy. Run time alone cannot say whether a phase leaves cores idle or does
# too much work; this can, phase by phase.
#
#   bench/cpu-by-step.sh [--subscriptions N] [--seed S] [--db NAME] [--work DIR]
#
# The options, defaults and PostgreSQL variables are bench/run.sh's (bench/common.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

usage_from=2 usage_to=11
source bench/common.sh
[ -x "$launcher" ] && [ -f "$provider_file" ] || { echo "run bench/run.sh first (no $launcher or $provider_file)" >&2; exit 2; }

samples=$(mktemp)
trap 'rm -f "$samples"' EXIT
( while :; do
    printf '%s %s\n' "$(date +%s.%N)" "$(busy_cpu)"
    sleep 0.2
  done ) >"$samples" &
sampler=$!
launched=$(date +%s.%N)
JAVA_OPTS="-Xmx$heap" "$launcher" sync --provider-file "$provider_file" --as-of "$as_of" --report-dir "$work/reports" \
  --rerun "${spring[@]}" >"$work/cpu-by-step.log" 2>&1 || { tail -n 20 "$work/cpu-by-step.log"; exit 1; }
exited=$(date +%s.%N)
sleep 0.3
kill "$sampler"
# Spring Batch stores the times in the JVM's zone, the machine's: read as local times they line up with the samples.
iso="'YYYY-MM-DD\"T\"HH24:MI:SS.US'"
steps=$(psql -qXAt -F' ' -d "$db" -c "SELECT step_name, to_char(start_time, $iso), to_char(end_time, $iso)
  FROM batch_step_execution WHERE job_execution_id = (SELECT MAX(job_execution_id) FROM batch_job_execution)
  ORDER BY step_execution_id")
job=$(psql -qXAt -F' ' -d "$db" -c "SELECT to_char(start_time, $iso), to_char(end_time, $iso) FROM batch_job_execution
  WHERE job_execution_id = (SELECT MAX(job_execution_id) FROM batch_job_execution)")
python3 - "$samples" "$launched" "$exited" "$job" "$steps" "$(nproc)" <<'PY'
import bisect, sys
from datetime import datetime
samples_file, launched, exited, job, step_lines, cores = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[6])
samples = [tuple(map(float, line.split())) for line in open(samples_file) if len(line.split()) == 2]
times = [t for t, _ in samples]
def busy(at):  # busy CPU seconds at an instant, interpolated between samples
    i = min(max(bisect.bisect_left(times, at), 1), len(samples) - 1)
    (t0, b0), (t1, b1) = samples[i - 1], samples[i]
    return b0 + (at - t0) / (t1 - t0) * (b1 - b0)
epoch = lambda text: datetime.fromisoformat(text).timestamp()
job_start, job_end = map(epoch, job.split())
steps = []
for line in step_lines.splitlines():
    name, start, end = line.split()
    steps.append((name, epoch(start), epoch(end)))
def span(*names):
    chosen = [s for s in steps if s[0] in names]
    return (min(s[1] for s in chosen), max(s[2] for s in chosen)) if chosen else None
phases = [("start-up (launch to the job's start)", (launched, job_start)),
          ("providerImportStep", span("providerImportStep")),
          ("duplicateSubscriptionStep (indexes, statistics)", span("duplicateSubscriptionStep")),
          ("rejects, gate, seat changes", span("rejectsStep", "rejectGateStep", "seatChangeRecoveryStep", "seatChangeStep")),
          ("reconcileStep (the parts)", span("reconcileStep")),
          ("reconcileAttachStep (attach, statistics)", span("reconcileAttachStep")),
          ("reports and publish (both flows)", span("resultsIndexStep", "reconciliationReportStep", "summaryReportStep",
                                                    "seatChangeReportStep", "renewalWindowsReportStep", "publishReportsStep")),
          ("shut-down (the job's end to exit)", (job_end, exited))]
print("%-50s %8s %9s %s" % ("phase", "wall s", "CPU-s", "of %d cores" % cores))
for name, window in phases:
    if window:
        wall, cpu = window[1] - window[0], busy(window[1]) - busy(window[0])
        print("%-50s %8.2f %9.2f %5.0f%%" % (name, wall, cpu, 100 * cpu / (cores * wall) if wall > 0 else 0))
wall, cpu = exited - launched, busy(exited) - busy(launched)
print("%-50s %8.2f %9.2f %5.0f%%" % ("the whole command", wall, cpu, 100 * cpu / (cores * wall)))
PY
