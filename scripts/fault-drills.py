#!/usr/bin/env python3
"""Fault drills: crashes, a database outage, concurrent commands and bad input, run against the built jar and
a PostgreSQL cluster of their own, compared with an undisturbed run of the same night.

    ./scripts/fault-drills.py [--customers N] [--port P] [--only NAME ...] [--keep]

It prints one line per scenario: SURVIVED or FAILED, what was done, and the row counts compared with the
undisturbed run. The exit status is 0 only when every scenario survived.

Why a private cluster: the outage drill stops PostgreSQL, which must not take down anything else on the
machine. The cluster is made with the installed server's initdb in a temporary folder and removed at the end.
The data set comes from the repo's seeded generator (LicenseDataGenerator), large enough that each step
lasts long enough to be killed in the middle of it (--customers, default 60000: about 156,000 provider rows).
Python's standard library only.
"""
import argparse
import csv
import datetime
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "target" / "license-recon.jar"
AS_OF = "2026-11-26T02:00:00Z"
DATE = "2026-11-26"
SEED = 20261126
TERMINAL = ("APPLIED", "REJECTED")
JAR_TIMEOUT = 600


def fail(message):
    print(f"fault-drills: {message}", file=sys.stderr)
    sys.exit(1)


def need(tool, how):
    if shutil.which(tool) is None:
        fail(f"{tool} is missing. {how}")


# --- a PostgreSQL cluster of the drills' own

class Cluster:
    def __init__(self, work, port):
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
        if not versions:
            fail("no PostgreSQL server binaries under /usr/lib/postgresql: apt-get install -y postgresql-15")
        self.bin = versions[-1].parent
        self.data = work / "pg"
        self.socket = work / "pg-socket"
        self.log = work / "pg.log"
        self.port = port

    def as_postgres(self, command):
        # initdb and the server refuse to run as root
        return ["runuser", "-u", "postgres", "--"] + command if os.geteuid() == 0 else command

    def init(self):
        for folder in (self.data, self.socket):
            folder.mkdir(parents=True)
            if os.geteuid() == 0:
                shutil.chown(folder, "postgres", "postgres")
        subprocess.run(self.as_postgres([str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                                         "-E", "UTF8", "--no-sync"]), check=True, stdout=subprocess.DEVNULL)
        if os.geteuid() == 0:
            self.log.touch()
            shutil.chown(self.log, "postgres", "postgres")

    def start(self):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.socket} -c fsync=off -c max_connections=60"
        subprocess.run(self.as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o",
                                         options, "-w", "start"]), check=True, stdout=subprocess.DEVNULL)

    def stop(self, mode="fast"):
        subprocess.run(self.as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"]),
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def psql(self, db, sql):
        out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", db, "-AtXqc", sql],
                             check=True, capture_output=True, text=True)
        return out.stdout.strip()

    def try_psql(self, db, sql):
        try:
            return self.psql(db, sql)
        except subprocess.CalledProcessError:
            return ""

    def create(self, db, template=None):
        self.psql("postgres", f"CREATE DATABASE {db}" + (f" TEMPLATE {template}" if template else ""))

    def url(self, db):
        return f"jdbc:postgresql://127.0.0.1:{self.port}/{db}"


# --- the jar

class Run:
    """One command of the jar, in a scenario's folder, on one database."""

    def __init__(self, cluster, db, folder, *args, extra=()):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, SPRING_DATASOURCE_URL=cluster.url(db), SPRING_DATASOURCE_USERNAME="postgres",
                   SPRING_DATASOURCE_PASSWORD="")
        n = len(list(folder.glob("out-*.txt")))
        self.out_file = folder / f"out-{n}.txt"
        self.err_file = folder / f"err-{n}.txt"
        with open(self.out_file, "w") as out, open(self.err_file, "w") as err:
            self.process = subprocess.Popen(["java", "-Xmx512m", "-jar", str(JAR), *args, *extra], cwd=folder, env=env,
                                            stdout=out, stderr=err)

    def wait(self, timeout=JAR_TIMEOUT):
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return "timeout"

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    @property
    def stderr(self):
        return self.err_file.read_text(errors="replace").strip()


# --- what a night leaves behind

def request_keys(cluster, db):
    rows = cluster.try_psql(db, "SELECT request_id || ',' || request_key FROM seat_change_request")
    return dict(line.split(",", 1) for line in rows.splitlines() if line)


# When a decision was recorded and when a change reached the provider: wall-clock times, which differ between
# any two runs. Every other cell must be the same.
WALL_CLOCK_COLUMNS = {"decided_at", "applied_at"}


def csv_digest(path, keys):
    """A report's digest with request ids written as their request_key, so that two databases compare."""
    if not path.exists():
        return "absent"
    digest = hashlib.sha256()
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    kept = [i for i, name in enumerate(rows[0]) if name not in WALL_CLOCK_COLUMNS]
    rows = [[keys.get(row[i], row[i]) for i in kept if i < len(row)] for row in rows]
    header, body = rows[0], sorted(rows[1:])
    for row in [header] + body:
        digest.update(("\x1f".join(row) + "\x1e").encode())
    return f"{len(body)} rows {digest.hexdigest()[:12]}"


def fingerprint(cluster, db, reports):
    keys = request_keys(cluster, db)
    q = lambda sql: cluster.psql(db, sql)
    f = {
        "provider rows": q("SELECT count(*) FROM provider_subscription"),
        "snapshots": q("SELECT count(DISTINCT snapshot_id) FROM provider_subscription"),
        "result rows": q("SELECT count(*) FROM reconciliation_result"),
        "requests": q("SELECT string_agg(status || '=' || n, ' ' ORDER BY status) FROM "
                      "(SELECT status, count(*) n FROM seat_change_request GROUP BY status) s"),
        "decisions": q("SELECT count(*) FROM seat_change_event WHERE to_status IN ('APPLIED', 'REJECTED')"),
        "most decisions of one request": q("SELECT COALESCE(max(n), 0) FROM (SELECT count(*) n FROM seat_change_event "
                                           "WHERE to_status IN ('APPLIED', 'REJECTED') GROUP BY request_id) e"),
    }
    outbox = reports / f"provider-changes-{DATE}.csv"
    if outbox.exists():
        with open(outbox, newline="", encoding="utf-8") as o:
            ids = [row[0] for row in list(csv.reader(o))[1:]]
        f["outbox lines"] = str(len(ids))
        f["outbox repeats"] = str(len(ids) - len(set(ids)))
    for kind in ("reconciliation", "reconciliation-summary", "rejects", "seat-changes", "renewal-windows",
                 "provider-changes"):
        f[kind] = csv_digest(reports / f"{kind}-{DATE}.csv", keys)
    f["staged leftovers"] = str(len([p for p in reports.glob(".*") if p.is_file()])) if reports.exists() else "0"
    return f


def compare(expected, actual):
    """The differences, or None; the line always shows the counts that matter most."""
    diffs = [f"{k}: {expected.get(k)} -> {actual.get(k)}" for k in expected.keys() | actual.keys()
             if expected.get(k) != actual.get(k)]
    return sorted(diffs)


def counts(f):
    return (f"provider rows {f['provider rows']}, result rows {f['result rows']}, decisions {f['decisions']}, "
            f"outbox {f.get('outbox lines', 0)} (repeats {f.get('outbox repeats', 0)})")


def clean_message(text):
    """One line that says why, and no stack trace."""
    lines = [l for l in text.splitlines() if l.strip()]
    last = lines[-1] if lines else ""
    trace = any(re.match(r"\s+at [\w.$]+\(", l) for l in lines) or "Exception in thread" in text
    return last, not trace and last.startswith("license-recon:")


# --- the drills

class Drills:
    def __init__(self, args):
        self.args = args
        self.work = Path(tempfile.mkdtemp(prefix="license-recon-faults-"))
        os.chmod(self.work, 0o755)
        self.cluster = Cluster(self.work, args.port)
        self.results = []
        self.data = self.work / "data"

    # setup

    def prepare(self):
        self.cluster.init()
        self.cluster.start()
        self.data.mkdir()
        self.ct = self.data / "ct-licenses.csv"
        self.provider = self.data / "provider-licenses.csv"
        self.requests = self.data / "seat-changes.csv"
        classpath = ROOT / "target" / "drills.classpath"
        subprocess.run(["mvn", "-B", "-q", "-f", str(ROOT / "pom.xml"), "dependency:build-classpath",
                        f"-Dmdep.outputFile={classpath}", "-Dmdep.includeScope=test"], check=True)
        subprocess.run(["java", "-cp", f"{ROOT / 'target' / 'test-classes'}:{classpath.read_text().strip()}",
                        "com.licenserecon.support.LicenseDataGenerator", str(SEED), str(self.args.customers), str(self.ct),
                        str(self.provider)], check=True, stdout=subprocess.DEVNULL)
        self.write_requests()
        print(f"data: {self.lines(self.provider) - 1:,} provider lines, {self.lines(self.ct) - 1:,} CT lines, "
              f"{self.lines(self.requests) - 1:,} seat change requests (seed {SEED}); PostgreSQL on port {self.args.port}; "
              f"work folder {self.work}")
        # Templates: every scenario starts from a copy, so all share the same CT records and request ids.
        self.cluster.create("seed_ct")
        self.must(Run(self.cluster, "seed_ct", self.work / "seed", "import-ct", str(self.ct)))
        self.cluster.create("seed", template="seed_ct")
        self.must(Run(self.cluster, "seed", self.work / "seed", "seat-changes", "submit", str(self.requests),
                      "--by", "fault-drills"))

    @staticmethod
    def lines(path):
        with open(path, "rb") as f:
            return sum(1 for _ in f)

    def write_requests(self):
        """Decreases and increases on active NCE subscriptions, all asked before the night."""
        with open(self.provider, newline="", encoding="utf-8") as f, \
                open(self.requests, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["customer_tenant_id", "subscription_id", "change", "amount", "requested_by",
                             "requested_at", "request_key", "note"])
            for n, raw in enumerate(csv.DictReader(f)):
                # The generator writes headers in any case and order, and values with blanks around them
                row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
                if row["commitment"].upper() != "NCE" or row["status"].lower() != "active":
                    continue
                if n % 40 == 0:
                    change = ("Less", "1")
                elif n % 101 == 0:
                    change = ("Additional", "2")
                else:
                    continue
                writer.writerow([row["customer_tenant_id"], row["subscription_id"], *change, "ops.drill",
                                 "2026-11-20T00:00:00Z", f"drill-{n}", "fault drill"])

    def must(self, run):
        status = run.wait()
        if status != 0:
            fail(f"setup command failed ({status}): {run.stderr[-500:]}")
        return run

    def scenario_db(self, name, template="seed"):
        db = "s_" + re.sub(r"\W", "_", name).lower()
        self.cluster.create(db, template=template)
        return db, self.work / name

    def sync(self, db, folder, *extra, provider=None, as_of=AS_OF):
        return Run(self.cluster, db, folder, "sync", "--provider-file", str(provider or self.provider), "--as-of", as_of,
                   "--report-dir", str(folder / "reports"), *extra)

    def record(self, name, survived, detail):
        self.results.append((name, survived))
        print(f"{'SURVIVED' if survived else 'FAILED  '}  {name:<34} {detail}", flush=True)

    def wanted(self, name):
        return not self.args.only or any(o in name for o in self.args.only)

    # the undisturbed nights

    def baseline(self):
        db, folder = self.scenario_db("undisturbed")
        run = self.sync(db, folder)
        started = time.monotonic()
        status = run.wait()
        if status != 0:
            fail(f"the undisturbed night failed: {run.stderr[-500:]}")
        self.expected = fingerprint(self.cluster, db, folder / "reports")
        self.record("undisturbed night", True, f"{time.monotonic() - started:.0f} s; {counts(self.expected)}")

        db, folder = self.scenario_db("undisturbed-apply", template="seed_ct")
        self.must(self.sync(db, folder))
        self.must(Run(self.cluster, db, folder, "seat-changes", "submit", str(self.requests), "--by", "fault-drills"))
        self.must(Run(self.cluster, db, folder, "seat-changes", "apply", "--as-of", AS_OF, "--report-dir",
                      str(folder / "reports")))
        self.expected_apply = fingerprint(self.cluster, db, folder / "reports")

    # crashes

    def step_now(self, db, step):
        """The latest execution of the step: the report steps run in parallel flows, so the latest step of all
        may be another one."""
        row = self.cluster.try_psql(db, "SELECT step_name || '|' || status || '|' || commit_count || '|' || write_count "
                                        f"FROM batch_step_execution WHERE step_name = '{step}' "
                                        "ORDER BY step_execution_id DESC LIMIT 1")
        return row.split("|") if row else None

    def decided(self, db):
        return int(self.cluster.try_psql(db, "SELECT count(*) FROM seat_change_request WHERE status <> 'QUEUED'") or 0)

    def wait_for_step(self, run, db, step, ready=lambda now: True):
        """Polls the job repository until the step runs and `ready` holds; None when the run ended first."""
        while run.process.poll() is None:
            now = self.step_now(db, step)
            if now and now[1] == "STARTED" and ready(now):
                return now
            time.sleep(0.05)
        return None

    def kill_drill(self, name, step, ready=lambda now: True, what=lambda db, now: ""):
        if not self.wanted(name):
            return
        db, folder = self.scenario_db(name)
        run = self.sync(db, folder)
        at = self.wait_for_step(run, db, step, ready)
        if at is None:
            self.record(name, False, f"missed: the run ended ({run.wait()}) before {step} could be killed; "
                                     f"use more --customers")
            return
        run.kill9()
        published = sorted(p.name for p in (folder / "reports").glob(f"reconciliation*-{DATE}.csv"))
        where = what(db, at)
        repeat = self.sync(db, folder)
        status = repeat.wait()
        actual = fingerprint(self.cluster, db, folder / "reports")
        diffs = compare(self.expected, actual)
        ok = status == 0 and not diffs and not published
        detail = f"kill -9 in {step}{where}; repeat exit {status}; {counts(actual)}"
        if published:
            detail += f"; published at the kill: {published}"
        if diffs:
            detail += "; differs: " + "; ".join(diffs)
        self.record(name, ok, detail)

    def crashes(self):
        self.kill_drill("kill during provider import", "providerImportStep",
                        ready=lambda now: int(now[3]) > 0,
                        what=lambda db, now: f" after {int(now[3]):,} rows written")
        self.kill_drill("kill during seat-change apply", "seatChangeStep",
                        ready=lambda now: self.decided_in(now),
                        what=lambda db, now: f" after {self.decided(db):,} requests decided")
        self.kill_drill("kill during reconciliation", "reconcileStep",
                        what=lambda db, now: f" after {int(now[2]):,} commits")
        # On PostgreSQL the server writes the report in one COPY: the step counts its lines only at the end.
        self.kill_drill("kill while writing the report", "reconciliationReportStep")

    def decided_in(self, now):
        return int(now[2]) > 0

    # the database goes away

    def outage(self):
        name = "PostgreSQL stopped mid-run"
        if not self.wanted(name):
            return
        db, folder = self.scenario_db(name)
        run = self.sync(db, folder)
        at = self.wait_for_step(run, db, "reconcileStep")
        if at is None:
            self.record(name, False, f"missed: the run ended ({run.wait()}) before the database could be stopped")
            return
        self.cluster.stop("immediate")
        started = time.monotonic()
        status = run.wait()
        failed_after = time.monotonic() - started
        message, clean = clean_message(run.stderr)
        published = sorted(p.name for p in (folder / "reports").glob(f"reconciliation*-{DATE}.csv"))
        self.cluster.start()
        repeat = self.sync(db, folder)
        repeat_status = repeat.wait()
        actual = fingerprint(self.cluster, db, folder / "reports")
        diffs = compare(self.expected, actual)
        ok = status == 1 and clean and not published and repeat_status == 0 and not diffs
        detail = (f"stopped in reconcileStep; run exit {status} after {failed_after:.0f} s: \"{message}\"; "
                  f"repeat exit {repeat_status}; {counts(actual)}")
        if not clean:
            detail += "; the message is not one clean line"
        if diffs:
            detail += "; differs: " + "; ".join(diffs)
        self.record(name, ok, detail)

    # two at once

    def concurrent(self):
        name = "two syncs of one night at once"
        if self.wanted(name):
            db, folder = self.scenario_db(name)
            first, second = self.sync(db, folder), self.sync(db, folder)
            statuses = sorted([first.wait(), second.wait()], key=str)
            refused = [r.stderr.splitlines()[-1] for r in (first, second) if r.process.returncode != 0 and r.stderr]
            actual = fingerprint(self.cluster, db, folder / "reports")
            diffs = compare(self.expected, actual)
            ok = statuses == [0, 1] and not diffs and len(refused) == 1
            detail = f"exits {statuses}; refused: \"{refused[0] if refused else ''}\"; {counts(actual)}"
            if diffs:
                detail += "; differs: " + "; ".join(diffs)
            self.record(name, ok, detail)

        name = "two seat-changes apply at once"
        if self.wanted(name):
            db, folder = self.scenario_db(name, template="seed_ct")
            self.must(self.sync(db, folder))
            self.must(Run(self.cluster, db, folder, "seat-changes", "submit", str(self.requests), "--by", "fault-drills"))
            apply = lambda: Run(self.cluster, db, folder, "seat-changes", "apply", "--as-of", AS_OF, "--report-dir",
                                str(folder / "reports"))
            first, second = apply(), apply()
            statuses = sorted([first.wait(), second.wait()], key=str)
            actual = fingerprint(self.cluster, db, folder / "reports")
            diffs = compare(self.expected_apply, actual)
            ok = 0 in statuses and set(statuses) <= {0, 1} and not diffs and actual["most decisions of one request"] in ("0", "1")
            detail = (f"exits {statuses}; most decisions of one request {actual['most decisions of one request']}; "
                      f"{counts(actual)}")
            if diffs:
                detail += "; differs: " + "; ".join(diffs)
            self.record(name, ok, detail)

    # bad input

    def bad_input(self):
        db, folder = self.scenario_db("bad input", template="seed_ct")
        samples = ROOT / "samples" / "provider-licenses.csv"
        good = samples.read_bytes()
        lines = good.split(b"\n")
        bad = self.work / "bad"
        bad.mkdir()
        # A good night first: a failed run must leave its reports as they were.
        self.must(Run(self.cluster, db, folder, "import-ct", str(ROOT / "samples" / "ct-licenses.csv")))
        self.must(self.sync(db, folder, provider=samples, as_of="2026-11-25T02:00:00Z"))

        def file(name, content):
            path = bad / name
            path.write_bytes(content)
            return path

        def with_line(number, edit):
            """The line edited before its line end (the samples end lines with \\r\\n)."""
            copy = list(lines)
            line = copy[number - 1]
            cr = b"\r" if line.endswith(b"\r") else b""
            copy[number - 1] = edit(line[:len(line) - len(cr)]) + cr
            return b"\n".join(copy)

        cases = [
            ("empty provider file", file("empty.csv", b""), ["empty"]),
            ("header-only provider file", file("header-only.csv", lines[0] + b"\n"), ["no"]),
            ("provider file not UTF-8", file("latin1.csv", with_line(40, lambda l: l.replace(b"Customer", b"Caf\xe9", 1))),
             ["line 40", "UTF-8"]),
            ("provider line over the limit", file("long-line.csv", with_line(50, lambda l: l + b"x" * 70_000)),
             ["line 50", "longer than"]),
            ("unterminated quote", file("open-quote.csv", with_line(60, lambda l: l.replace(b",", b',"', 1))),
             ["line 60"]),
            ("truncated provider file", file("truncated.csv", b"\n".join(lines[:200]) + b"\n"), ["199", "394"]),
        ]
        night = datetime.date(2026, 11, 26)
        for name, path, expected_words in cases:
            if not self.wanted(name):
                continue
            before = {p.name: p.read_bytes() for p in (folder / "reports").glob("*.csv")}
            as_of = f"{night.isoformat()}T02:00:00Z"
            night += datetime.timedelta(days=1)
            run = self.sync(db, folder, provider=path, as_of=as_of)
            status = run.wait()
            message, clean = clean_message(run.stderr)
            after = {p.name: p.read_bytes() for p in (folder / "reports").glob("*.csv")}
            changed = sorted(n for n in after if before.get(n) != after[n] and not n.startswith("rejects-"))
            named = str(path) in message and all(w in message for w in expected_words)
            ok = status == 1 and clean and named and not changed
            detail = f"exit {status}: \"{message[:160]}\""
            if not named:
                detail += f"; the message should name the file and {expected_words}"
            if changed:
                detail += f"; reports changed: {changed}"
            self.record(name, ok, detail)

        name = "CT file line over the limit"
        if self.wanted(name):
            ct_lines = (ROOT / "samples" / "ct-licenses.csv").read_bytes().split(b"\n")
            ct_lines[6] = ct_lines[6].replace(b"\r", b"") + b"y" * 70_000 + (b"\r" if ct_lines[6].endswith(b"\r") else b"")
            path = file("ct-long.csv", b"\n".join(ct_lines))
            count_before = self.cluster.psql(db, "SELECT count(*) FROM ct_license")
            run = Run(self.cluster, db, folder, "import-ct", str(path))
            status = run.wait()
            message, clean = clean_message(run.stderr)
            count_after = self.cluster.psql(db, "SELECT count(*) FROM ct_license")
            ok = status == 1 and clean and "line 7" in message and str(path) in message and count_before == count_after
            self.record(name, ok, f"exit {status}: \"{message[:160]}\"; CT rows {count_before} -> {count_after}")

    def run(self):
        try:
            self.prepare()
            self.baseline()
            self.crashes()
            self.outage()
            self.concurrent()
            self.bad_input()
        finally:
            self.cluster.stop("fast")
            if not self.args.keep:
                shutil.rmtree(self.work, ignore_errors=True)
        failed = [n for n, ok in self.results if not ok]
        print(f"{len(self.results) - len(failed)} of {len(self.results)} scenarios survived"
              + (f"; failed: {', '.join(failed)}" if failed else ""))
        return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=60000, help="customers in the generated data set")
    parser.add_argument("--port", type=int, default=55432, help="port of the drills' own PostgreSQL")
    parser.add_argument("--only", nargs="*", help="run only the scenarios whose name holds one of these words")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, reports, cluster)")
    args = parser.parse_args()
    need("java", "Install a JDK 17: apt-get install -y openjdk-17-jdk-headless")
    need("mvn", "Install Maven: apt-get install -y maven")
    need("psql", "Install the PostgreSQL client and server: apt-get install -y postgresql-15")
    if os.geteuid() == 0:
        need("runuser", "runuser (util-linux) starts PostgreSQL as the postgres user")
    if not JAR.exists() or not (ROOT / "target" / "test-classes").exists():
        subprocess.run(["mvn", "-B", "-q", "-f", str(ROOT / "pom.xml"), "-DskipTests", "package"], check=True)
    sys.exit(Drills(args).run())


if __name__ == "__main__":
    main()
