#!/usr/bin/env bash
# The whole test suite, against a real PostgreSQL: starts the local cluster when it is installed but
# stopped, recreates the throw-away test database, then runs unit and integration tests (mvn verify).
# Connection: TEST_POSTGRES_URL / TEST_POSTGRES_USER / TEST_POSTGRES_PASSWORD (default: the local
# server on 127.0.0.1:5432 as postgres, trust authentication, database TEST_POSTGRES_DB, by default
# license_recon_test; give two checkouts that test at once different names).
set -euo pipefail
cd "$(dirname "$0")/.."

host=127.0.0.1
port=5432
user=${TEST_POSTGRES_USER:-postgres}
db=${TEST_POSTGRES_DB:-license_recon_test}

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "test.sh: $1 is missing. $2" >&2; exit 1; }
}
need java "Install a JDK 17, e.g. apt-get install -y openjdk-17-jdk-headless."
need mvn "Install Maven 3.8+, e.g. apt-get install -y maven."
need pg_isready "Install PostgreSQL 15: apt-get install -y postgresql-15 postgresql-client-15 (Debian 12)."

# The page tests drive a real headless Chromium through its driver (Debian's chromium and chromium-driver).
# Installed here when missing; the package lists are refreshed only if the install fails without them.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  command -v apt-get >/dev/null 2>&1 || { echo "test.sh: Chromium is missing and there is no apt-get: install chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver) by hand." >&2; exit 1; }
  [ "$(id -u)" = 0 ] || { echo "test.sh: Chromium is missing: run as root, or first: sudo apt-get install -y chromium chromium-driver" >&2; exit 1; }
  echo "test.sh: installing chromium and chromium-driver for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q chromium chromium-driver >/dev/null; then
    apt-get update -q >/dev/null
    apt-get install -y -q chromium chromium-driver >/dev/null || { echo "test.sh: apt-get could not install chromium chromium-driver" >&2; exit 1; }
  fi
fi

if [ -z "${TEST_POSTGRES_URL:-}" ] && ! pg_isready -h "$host" -p "$port" -q; then
  need pg_ctlcluster "The PostgreSQL server is not installed: apt-get install -y postgresql-15."
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$version" ] || { echo "test.sh: no PostgreSQL cluster in /etc/postgresql: apt-get install -y postgresql-15" >&2; exit 1; }
  echo "test.sh: starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 30); do pg_isready -h "$host" -p "$port" -q && break; sleep 1; done
  pg_isready -h "$host" -p "$port" -q || { echo "test.sh: PostgreSQL did not start on $host:$port" >&2; exit 1; }
fi

if [ -z "${TEST_POSTGRES_URL:-}" ]; then
  # Only the throw-away test database is dropped; every test class works in a schema of its own inside it.
  psql -h "$host" -p "$port" -U "$user" -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  psql -h "$host" -p "$port" -U "$user" -d postgres -qc "CREATE DATABASE $db" >/dev/null
  export TEST_POSTGRES_URL="jdbc:postgresql://$host:$port/$db"
fi

exec mvn -B verify "$@"
