#!/usr/bin/env bash
# Lays out the built jar for the fastest start: Spring Boot's extracted layout (target/dist) plus a class
# data sharing archive of the classes a start-up loads (target/dist/license-recon.jsa), and a launcher,
# target/dist/license-recon, that uses both. A command then starts in about 2 s instead of 3.5 s, which
# matters to a nightly `sync` run from cron and to the benchmark; `serve` starts once and gains little.
#
#   scripts/dist.sh            # after mvn package; then: target/dist/license-recon <command> ...
#
# The archive belongs to the JDK and the jar that made it: run this again after every build (with another
# JDK the JVM ignores the archive and starts as slowly as from the jar).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/license-recon.jar
dist=target/dist
[ -f "$jar" ] || { echo "no $jar: run mvn -DskipTests package first" >&2; exit 1; }
rm -rf "$dist"
java -Djarmode=tools -jar "$jar" extract --destination "$dist" >/dev/null
# The training run syncs the bundled sample night on a throw-away in-memory database, so the archive holds
# the classes a real run loads: Spring's, Flyway's, Batch's, the CSV reading and writing, the reports.
training=$(mktemp -d)
trap 'rm -rf "$training"' EXIT
# The database URL takes the modes of the default one (config/application.yml); a run that fails part way
# would leave the classes of its later steps out of the archive, so a failed training run fails this script.
if ! (cd "$training" && java -XX:+UseParallelGC -XX:ArchiveClassesAtExit="$OLDPWD/$dist/license-recon.jsa" -jar "$OLDPWD/$dist/license-recon.jar" \
  sync --provider-file "$OLDPWD/samples/provider-licenses.csv" --as-of 2026-11-26T02:00:00Z --report-dir "$training/reports" \
  "--spring.datasource.url=jdbc:h2:mem:cds-training;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH" >"$training/training.log" 2>&1); then
  tail -n 20 "$training/training.log" >&2
  echo "the training run for the class data sharing archive failed (above)" >&2
  exit 1
fi
[ -f "$dist/license-recon.jsa" ] || { echo "the class data sharing archive was not written" >&2; exit 1; }
cat >"$dist/license-recon" <<'LAUNCHER'
#!/usr/bin/env bash
# Runs license-recon from the extracted layout with its class data sharing archive (scripts/dist.sh).
# JAVA_OPTS: extra JVM options, e.g. JAVA_OPTS=-Xmx512m; they come last, so they override the ones below
# (a collector named there, e.g. -XX:+UseG1GC, replaces the parallel one).
#
# A command is one batch run on a small machine, so the JVM is tuned for throughput over a run of seconds:
# - The parallel collector: no concurrent marking threads and cheaper write barriers than G1, for a heap
#   that a run fills with short-lived rows. At a million subscriptions, with the next option: 15.5 s of JVM
#   CPU instead of 18.4 s, and a peak RSS of 360-410 MB instead of 430-470 MB.
# - Fewer methods compiled by C2: the second compiler runs on the same two cores as the run and PostgreSQL,
#   and by default it also compiles start-up code (annotation scanning, bean creation) that runs a few
#   thousand times and never again. Higher tier-4 thresholds leave that code to C1 and still compile the
#   row loops, which run a million times. The start takes about 0.5 s less.
# - Smaller C2 compilations: a method is inlined into a hot caller up to 100 bytecodes (FreqInlineSize, 325
#   by default) and only while the callee's own compiled code is under 1000 bytes (InlineSmallCode, 2500).
#   The import's row loop goes through OpenCSV, the parser and the encoder; inlining all of it made C2 spend
#   a quarter of the JVM's CPU during the import. At a million subscriptions, in alternating pairs: the
#   import step 5.3-5.7 s instead of 6.6, sync 18.7-18.9 s instead of 20.2-20.3.
dist=$(cd "$(dirname "$0")" && pwd)
collector=-XX:+UseParallelGC
[[ " ${JAVA_OPTS:-} " =~ \ -XX:\+Use[A-Za-z0-9]*GC\  ]] && collector=
exec java -XX:SharedArchiveFile="$dist/license-recon.jsa" -Xshare:auto $collector \
  -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=20000 -XX:Tier4CompileThreshold=60000 \
  -XX:FreqInlineSize=100 -XX:InlineSmallCode=1000 \
  ${JAVA_OPTS:-} -jar "$dist/license-recon.jar" "$@"
LAUNCHER
chmod +x "$dist/license-recon"
echo "$dist/license-recon ready (archive $(du -h "$dist/license-recon.jsa" | cut -f1))"
