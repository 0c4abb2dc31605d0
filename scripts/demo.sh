#!/usr/bin/env bash
# Builds the jar and runs one night on the bundled sample data with the embedded H2 default:
# load the CT license records, then sync the provider file as of 2026-11-26T02:00:00Z.
# --rerun makes the demo repeatable: a second sync for the same night is otherwise refused.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
java -jar target/license-recon.jar import-ct samples/ct-licenses.csv
java -jar target/license-recon.jar sync --provider-file samples/provider-licenses.csv \
  --as-of 2026-11-26T02:00:00Z --report-dir reports --rerun
echo "reports: $(pwd)/reports"
ls -1 reports/*2026-11-26.csv
