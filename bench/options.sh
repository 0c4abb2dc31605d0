# The benchmark scripts' options and defaults, sourced by bench/run.sh and bench/cpu-by-step.sh so that both
# name one data set and one database the same way. Sets subscriptions, runs, seat_changes, seed, db and work
# from "$@", and PGHOST/PGPORT/PGUSER; on an unknown option prints lines usage_from..usage_to of the calling
# script (its header) and exits 2.
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
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
