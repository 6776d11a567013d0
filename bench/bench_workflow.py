"""Workflow-transition benchmark (not a test). Needs a PostgreSQL server; the wrapper starts a throw-away one:

    bench/run_workflow_bench.sh [--docs-per-client K] [--clients 16] ...

or against a server you started yourself (admin URL to database "postgres"):

    PYTHONPATH=. .venv/bin/python bench/bench_workflow.py \
        --pg-url postgresql+psycopg://u@127.0.0.1:5432/postgres \
        --pgbench /usr/lib/postgresql/15/bin/pgbench

1. pgbench: initialise a database at --pgbench-scale, run TPC-B with --clients clients for --pgbench-seconds,
   read its "tps = ...".
2. eoffice: fresh database, migrate, seed the demo organisation + keys + letters (profile in a temp dir). Then
   --clients processes (multiprocessing, spawn, one engine each) each draft and submit their own K+1
   nota dinas (staf.kominfo), approve the first one as a warm-up, wait at a barrier, then take the other K
   through paraf_kasi -> paraf_kabid -> persetujuan_sekretaris with `signatures.decide_signed` (signed
   statement, and the PAdES paraf signature on the working PDF unless --no-pdf-paraf), one transaction per
   transition. --ceiling: the same transitions again as bare psycopg (bench/ceiling_workflow.py; no PDF).
   Transitions/s = transitions / (last client done - barrier released).
3. Checks: every document is at "to_sign", one decision per transition, `audit.verify(...)["ok"]`.
4. Profiles one client alone (cProfile) and counts statements per transition (before_cursor_execute).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import multiprocessing as mp
import os
import pstats
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import URL, Engine, make_url

DRAFTER = "staf.kominfo"
APPROVERS = ("kasi1.kominfo", "kabid1.kominfo", "sekretaris.kominfo")
PASSPHRASE = "demo"
DB_NAME = "bench_workflow"
PGBENCH_DB = "bench_pgbench"


# --- helpers ----------------------------------------------------------------------------------------

def admin_exec(admin_url: str, sql: str) -> None:
    url = make_url(admin_url).set(drivername="postgresql+psycopg")
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


def db_url(admin_url: str, name: str) -> str:
    url: URL = make_url(admin_url).set(drivername="postgresql+psycopg", database=name)
    return url.render_as_string(hide_password=False)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class StatementCounter:
    """Counts statements sent through SQLAlchemy (not the pool's pre-ping, BEGIN or COMMIT) and the time from
    handing each to the driver until the driver returns (round trip + server work + lock waits)."""

    def __init__(self, engine: Engine, keep: bool = False) -> None:
        self.count = 0
        self.sql_seconds = 0.0
        self._t = 0.0
        self.keep = keep
        self.kinds: Counter[str] = Counter()
        self.seen: list[str] = []
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, _conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        self.count += 1
        if self.keep:
            self.kinds[statement.split(None, 1)[0].upper()] += 1
            self.seen.append(" ".join(statement.split())[:150])
        self._t = time.perf_counter()

    def _after(self, *_args: Any) -> None:
        self.sql_seconds += time.perf_counter() - self._t


class ServerCpu:
    """CPU seconds used so far by the PostgreSQL server on this machine: the postmaster with its exited
    children (cutime/cstime) plus every live child, read from /proc. None when the server is elsewhere.
    With the 16 clients, pgbench and the server all on the same 2 cores, CPU per transaction is a figure
    that other jobs on the machine disturb much less than the rates are."""

    def __init__(self, url: str) -> None:
        self.postmaster: int | None = None
        engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                backend = int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())
            self.postmaster = int(_stat(backend)[1])
        except (OSError, ValueError):
            self.postmaster = None
        finally:
            engine.dispose()

    def total(self) -> float | None:
        if self.postmaster is None:
            return None
        try:
            fields = _stat(self.postmaster)
        except OSError:
            return None
        ticks = sum(int(fields[i]) for i in (11, 12, 13, 14))
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                child = _stat(int(entry))
            except OSError:
                continue
            if child[1] == str(self.postmaster):
                ticks += int(child[11]) + int(child[12])
        return ticks / os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str]:
    """/proc/PID/stat fields after the command name: [state, ppid, ..., utime at 11, stime 12, cutime 13,
    cstime 14]."""
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
        return f.read().rsplit(")", 1)[1].split()


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --- pgbench ----------------------------------------------------------------------------------------

def run_pgbench(admin_url: str, pgbench: str, clients: int, scale: int, seconds: int
                ) -> tuple[float, str, dict[str, float]]:
    url = make_url(admin_url)
    admin_exec(admin_url, f'DROP DATABASE IF EXISTS "{PGBENCH_DB}" WITH (FORCE)')
    admin_exec(admin_url, f'CREATE DATABASE "{PGBENCH_DB}"')
    env = dict(os.environ, PGHOST=url.host or "127.0.0.1", PGPORT=str(url.port or 5432),
               PGUSER=url.username or "postgres", PGDATABASE=PGBENCH_DB)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    t0 = time.perf_counter()
    subprocess.run([pgbench, "-i", "-q", "-s", str(scale)], env=env, check=True, capture_output=True,
                   text=True)
    print(f"  pgbench -i -s {scale}: {time.perf_counter() - t0:.1f} s", flush=True)
    cmd = [pgbench, "-c", str(clients), "-j", "2", "-T", str(seconds), "-n"]
    server = ServerCpu(admin_url)
    server0, client0 = server.total(), children_cpu()
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    server1, client1 = server.total(), children_cpu()
    match = re.search(r"^tps = ([0-9.]+)", out, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"no 'tps = ' in pgbench output:\n{out}")
    admin_exec(admin_url, f'DROP DATABASE IF EXISTS "{PGBENCH_DB}" WITH (FORCE)')
    latency = re.search(r"^latency average = ([0-9.]+) ms", out, re.MULTILINE)
    done = re.search(r"^number of transactions actually processed: ([0-9]+)", out, re.MULTILINE)
    cpu: dict[str, float] = {}
    if done and server0 is not None and server1 is not None:
        n = int(done.group(1))
        cpu = {"client": (client1 - client0) / n, "server": (server1 - server0) / n}
    return float(match.group(1)), (latency.group(1) if latency else "?"), cpu


# --- eoffice database -------------------------------------------------------------------------------

def build_database(url: str, home: Path) -> None:
    from eoffice.services import demo
    from eoffice.store.db import make_engine

    engine = make_engine(url)
    try:
        demo.build(engine, home)
    finally:
        engine.dispose()


class Client:
    """One client's engine, actors and identities, acting through the services like the app does."""

    def __init__(self, url: str, home: Path, *, keep_statements: bool = False) -> None:
        from eoffice.services import signatures
        from eoffice.services.auth import actor_of
        from eoffice.store.db import make_engine
        from eoffice.store.uow import UnitOfWork

        if os.environ.get("EOFFICE_BENCH_NO_PDF_PARAF") == "1":  # --no-pdf-paraf (inherited by spawned clients)
            from eoffice.services import paraf

            paraf.signs_pdf = lambda _route, _step: False  # type: ignore[assignment]
        self.engine = make_engine(url, pool_size=1)
        self.counter = StatementCounter(self.engine, keep_statements)
        with UnitOfWork(self.engine) as uow:
            self.actors = {login: actor_of(uow.users.by_login(login)) for login in (DRAFTER, *APPROVERS)}
        self.identities = {}
        for login in APPROVERS:
            ident = signatures.open_identity(home, login, PASSPHRASE)
            assert ident is not None, f"no key for {login} in {home}"
            self.identities[login] = ident

    def submitted_nota(self, subject: str) -> str:
        from eoffice.documents.body import parse_markdown
        from eoffice.domain import DocKind
        from eoffice.services import letters, routing
        from eoffice.store.uow import UnitOfWork

        who = self.actors[DRAFTER]
        body = parse_markdown("Isi naskah **uji**.")
        d = letters.Draft(kind=DocKind.NOTA_DINAS, subject=subject, body=body,
                          to=["KEPALA-DISKOMINFO"], kode_klasifikasi="000.1.2.3")
        with UnitOfWork(self.engine) as uow:
            doc_id = letters.draft(uow, who, d)
            uow.commit()
        with UnitOfWork(self.engine) as uow:
            routing.submit(uow, who, doc_id)
            uow.commit()
        return doc_id

    def approve(self, login: str, doc_id: str) -> tuple[str | None, float]:
        """One transition in its own transaction; returns (stage decided, seconds spent in commit)."""
        from eoffice.services import signatures
        from eoffice.store.uow import UnitOfWork
        from eoffice.workflow.state import Decision

        with UnitOfWork(self.engine) as uow:
            outcome = signatures.decide_signed(uow, self.actors[login], self.identities[login], doc_id,
                                               Decision.APPROVE)
            t = time.perf_counter()
            uow.commit()
            return outcome.stage, time.perf_counter() - t


@dataclass
class ClientResult:
    index: int
    docs: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    commit_times: list[float] = field(default_factory=list)
    statements: list[int] = field(default_factory=list)
    sql_times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cpu: float = 0.0  # this process's CPU seconds in the timed part
    started: float = 0.0
    finished: float = 0.0
    prep_seconds: float = 0.0


def client_main(index: int, url: str, home: str, docs: int, barrier: Barrier, results: Any) -> None:
    res = ClientResult(index)
    try:
        t0 = time.perf_counter()
        client = Client(url, Path(home))
        warm = client.submitted_nota(f"Pemanasan klien {index}")
        res.docs = [client.submitted_nota(f"Nota uji beban {index}-{i}") for i in range(docs)]
        for login in APPROVERS:  # warm-up: imports, statement caches, key objects; not timed
            client.approve(login, warm)
        res.docs.append(warm)
        res.prep_seconds = time.perf_counter() - t0
    except Exception as exc:  # report, and still meet the others at the barrier
        res.errors.append(f"prepare: {exc!r}")
        barrier.wait()
        results.put(asdict(res))
        return
    barrier.wait()
    res.started = time.monotonic()
    cpu0 = time.process_time()
    for doc_id in res.docs[:-1]:
        for login in APPROVERS:
            before, sql_before = client.counter.count, client.counter.sql_seconds
            t = time.perf_counter()
            try:
                _stage, commit_s = client.approve(login, doc_id)
            except Exception as exc:
                res.errors.append(f"{doc_id} {login}: {exc!r}")
                continue
            res.latencies.append(time.perf_counter() - t)
            res.commit_times.append(commit_s)
            res.statements.append(client.counter.count - before)
            res.sql_times.append(client.counter.sql_seconds - sql_before)
    res.finished = time.monotonic()
    res.cpu = time.process_time() - cpu0
    client.engine.dispose()
    results.put(asdict(res))


class LockSampler(threading.Thread):
    """Samples pg_stat_activity: how many of our backends wait on a lock, and on what."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.engine = create_engine(url, isolation_level="AUTOCOMMIT")
        self.stop = threading.Event()
        self.samples: list[tuple[int, int]] = []  # (waiting on a lock, active)
        self.events: Counter[str] = Counter()
        self.queries: Counter[str] = Counter()  # what the waiting backends are running

    def run(self) -> None:
        query = text("SELECT state, wait_event_type, wait_event, query FROM pg_stat_activity "
                     "WHERE datname = current_database() AND application_name = 'eoffice'")
        with self.engine.connect() as conn:
            while not self.stop.wait(0.2):
                rows = conn.execute(query).all()
                active = [r for r in rows if r.state == "active"]
                waiting = [r for r in active if r.wait_event_type == "Lock"]
                self.samples.append((len(waiting), len(active)))
                for r in waiting:
                    self.events[str(r.wait_event)] += 1
                    self.queries[" ".join(str(r.query).split())[:90]] += 1
        self.engine.dispose()


def run_workflow(url: str, home: Path, clients: int, docs: int, *, ceiling: bool = False) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(clients + 1)
    results = ctx.Queue()
    if ceiling:
        from ceiling_workflow import ceiling_main
    target = ceiling_main if ceiling else client_main
    procs = [ctx.Process(target=target, args=(i, url, str(home), docs, barrier, results))
             for i in range(clients)]
    t_prep = time.perf_counter()
    for p in procs:
        p.start()
    server = ServerCpu(url)
    barrier.wait(timeout=600)
    released = time.monotonic()
    server0 = server.total()
    print(f"  clients ready after {time.perf_counter() - t_prep:.1f} s (draft + submit + warm-up); go",
          flush=True)
    sampler = LockSampler(url)
    sampler.start()
    collected = [ClientResult(**results.get(timeout=900)) for _ in procs]
    server1 = server.total()
    sampler.stop.set()
    for p in procs:
        p.join()
    sampler.join()
    ok = [r for r in collected if r.latencies]
    wall = max(r.finished for r in ok) - min(min(r.started for r in ok), released) if ok else float("nan")
    server_cpu = server1 - server0 if server0 is not None and server1 is not None else float("nan")
    return {"results": collected, "wall": wall, "sampler": sampler, "server_cpu": server_cpu}


def check(url: str, home: Path, results: list[ClientResult]) -> tuple[bool, list[str]]:
    from eoffice.services import audit
    from eoffice.store.db import make_engine
    from eoffice.store.models import DecisionRow, Document, StepRow
    from eoffice.store.uow import UnitOfWork

    problems = [e for r in results for e in r.errors]
    doc_ids = [d for r in results for d in r.docs]
    engine = make_engine(url)
    try:
        with UnitOfWork(engine) as uow:
            rows = uow.session.execute(select(Document.status, func.count()).where(Document.id.in_(doc_ids))
                                       .group_by(Document.status)).all()
            statuses = Counter({status: n for status, n in rows})
            decisions = uow.session.scalar(select(func.count()).select_from(DecisionRow).join(
                StepRow, StepRow.id == DecisionRow.step_id).where(StepRow.document_id.in_(doc_ids))) or 0
            verdict = audit.verify(uow, home)
    finally:
        engine.dispose()
    if statuses != Counter({"to_sign": len(doc_ids)}):
        problems.append(f"document statuses {dict(statuses)}, expected all {len(doc_ids)} at to_sign")
    if decisions != 3 * len(doc_ids):
        problems.append(f"{decisions} decisions on the benchmark documents, expected {3 * len(doc_ids)}")
    if not verdict["ok"]:
        problems.append(f"audit.verify failed: {verdict}")
    print(f"  audit.verify: ok={verdict['ok']} events={verdict['events']} "
          f"signed_statements={verdict['signed_statements']}; statuses {dict(statuses)}; "
          f"decisions {decisions}")
    return not problems, problems


# --- profile ----------------------------------------------------------------------------------------

GROUPS = (
    ("psycopg (driver + waiting for the server)", ("/psycopg/", "/psycopg_binary/", "psycopg")),
    ("sqlalchemy", ("/sqlalchemy/",)),
    ("cryptography (statement signature)", ("/cryptography/",)),
    ("eoffice.workflow (engine)", ("/eoffice/workflow/",)),
    ("eoffice.store", ("/eoffice/store/",)),
    ("eoffice services/signing/other", ("/eoffice/",)),
)


def _group(filename: str) -> str:
    for name, needles in GROUPS:
        if any(n in filename for n in needles):
            return name
    return "other (stdlib, builtins, C extensions)"


def profile_main(url: str, home: str, docs: int, out: Any) -> None:
    """One client alone in a fresh process: first timed without a profiler (wall, time inside the driver),
    then the same number of transitions under cProfile."""
    client = Client(url, Path(home), keep_statements=True)
    ids = [client.submitted_nota(f"Nota profil {i}") for i in range(2 * docs + 1)]
    for login in APPROVERS:
        client.approve(login, ids[0])  # warm-up
    plain, profiled = ids[1:docs + 1], ids[docs + 1:]
    sql0, t0 = client.counter.sql_seconds, time.perf_counter()
    for doc_id in plain:
        for login in APPROVERS:
            client.approve(login, doc_id)
    plain_s, plain_sql = time.perf_counter() - t0, client.counter.sql_seconds - sql0

    client.counter.seen.clear()
    client.counter.kinds.clear()
    per_stage: dict[str, list[int]] = {}
    first_sql: list[str] = []
    profiler = cProfile.Profile()
    t0 = time.perf_counter()
    profiler.enable()
    for doc_id in profiled:
        for login in APPROVERS:
            before = client.counter.count
            stage, _ = client.approve(login, doc_id)
            per_stage.setdefault(stage or "?", []).append(client.counter.count - before)
            if not first_sql:
                first_sql = list(client.counter.seen)
    profiler.disable()
    elapsed = time.perf_counter() - t0
    client.engine.dispose()

    stats = pstats.Stats(profiler)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())
    groups: Counter[str] = Counter()
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in raw.items():
        groups[_group(filename)] += tottime
    buf = io.StringIO()
    pstats.Stats(profiler, stream=buf).sort_stats("cumulative").print_stats(25)
    out.put({"transitions": docs * 3, "plain_s": plain_s, "plain_sql": plain_sql, "elapsed": elapsed,
             "total": total, "groups": dict(groups), "per_stage": per_stage,
             "kinds": dict(client.counter.kinds),
             "report": buf.getvalue(), "first_transition_sql": first_sql})


def profile_one_client(url: str, home: Path, docs: int) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    proc = ctx.Process(target=profile_main, args=(url, str(home), docs, out))
    proc.start()
    result: dict[str, Any] = out.get(timeout=600)
    proc.join()
    return result


# --- main -------------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pg-url", default=os.environ.get("EOFFICE_TEST_PG"),
                    help="admin URL (database postgres)")
    ap.add_argument("--pgbench", default="/usr/lib/postgresql/15/bin/pgbench")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--docs-per-client", type=int, default=10,
                    help="K: documents per client (3 transitions each)")
    ap.add_argument("--pgbench-scale", type=int, default=16)
    ap.add_argument("--pgbench-seconds", type=int, default=20)
    ap.add_argument("--profile-docs", type=int, default=15, help="documents for the single-client profile")
    ap.add_argument("--skip-pgbench", action="store_true")
    ap.add_argument("--no-pdf-paraf", action="store_true",
                    help="reviewers' decisions carry the signed statement only, no PAdES paraf signature on the "
                         "working PDF (services/paraf.py): the transition alone, comparable with --ceiling")
    ap.add_argument("--ceiling", action="store_true",
                    help="also run the same transitions as bare psycopg (bench/ceiling_workflow.py)")
    args = ap.parse_args()
    if not args.pg_url:
        ap.error("--pg-url or EOFFICE_TEST_PG is required")
    if args.no_pdf_paraf:
        os.environ["EOFFICE_BENCH_NO_PDF_PARAF"] = "1"
    started = time.perf_counter()

    print(f"pgbench TPC-B: scale {args.pgbench_scale}, -c {args.clients} -j 2 -T {args.pgbench_seconds} -n",
          flush=True)
    tps, pg_latency, pg_cpu = (float("nan"), "?", {}) if args.skip_pgbench else run_pgbench(
        args.pg_url, args.pgbench, args.clients, args.pgbench_scale, args.pgbench_seconds)
    print(f"  tps = {tps:.1f} (latency average {pg_latency} ms)", flush=True)

    url = db_url(args.pg_url, DB_NAME)
    admin_exec(args.pg_url, f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    admin_exec(args.pg_url, f'CREATE DATABASE "{DB_NAME}"')
    with tempfile.TemporaryDirectory(prefix="eoffice-bench-home-") as tmp:
        home = Path(tmp)
        t0 = time.perf_counter()
        build_database(url, home)
        print(f"eoffice: migrated + demo seeded (keys, letters) in {time.perf_counter() - t0:.1f} s",
              flush=True)
        print(f"  {args.clients} client processes x {args.docs_per_client} nota dinas x 3 approvals",
              flush=True)
        run = run_workflow(url, home, args.clients, args.docs_per_client)
        results: list[ClientResult] = run["results"]
        wall: float = run["wall"]
        sampler: LockSampler = run["sampler"]
        ok, problems = check(url, home, results)
        ceiling: dict[str, Any] | None = None
        if args.ceiling:
            print(f"ceiling: the same transitions as bare psycopg, {args.clients} clients", flush=True)
            ceiling = run_workflow(url, home, args.clients, args.docs_per_client, ceiling=True)
            c_ok, c_problems = check(url, home, ceiling["results"])
            ok, problems = ok and c_ok, problems + [f"ceiling: {p}" for p in c_problems]
        print(f"profiling one client alone ({args.profile_docs} documents)", flush=True)
        prof = profile_one_client(url, home, args.profile_docs)
    admin_exec(args.pg_url, f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')

    latencies = [x for r in results for x in r.latencies]
    commits = [x for r in results for x in r.commit_times]
    stmts = [x for r in results for x in r.statements]
    sqls = [x for r in results for x in r.sql_times]
    transitions = len(latencies)
    rate = transitions / wall if wall > 0 else float("nan")
    ratio = rate / tps if tps > 0 else float("nan")
    waiting = [w for w, _a in sampler.samples]
    active = [a for _w, a in sampler.samples]

    def row(label: str, value: str) -> None:
        print(f"{label:<56} {value}")

    print("\n" + "=" * 78)
    row(f"pgbench TPC-B tps (-c {args.clients} -j 2 -T {args.pgbench_seconds}, scale {args.pgbench_scale})",
        f"{tps:10.1f}")
    row(f"eoffice transitions/s ({args.clients} clients, {transitions} transitions)", f"{rate:10.1f}")
    row("ratio (target >= 0.3)", f"{ratio:10.3f}   {'MET' if ratio >= 0.3 else 'NOT MET'}")
    row("wall time s", f"{wall:10.2f}")
    if transitions:
        client_cpu = sum(r.cpu for r in results) / transitions
        server_cpu = run["server_cpu"] / transitions
        row("CPU ms per transition: clients + server = total",
            f"{client_cpu * 1e3:10.2f} + {server_cpu * 1e3:.2f} = {(client_cpu + server_cpu) * 1e3:.2f}")
        if pg_cpu:
            pg_total = pg_cpu["client"] + pg_cpu["server"]
            row("CPU ms per pgbench transaction: pgbench + server = total",
                f"{pg_cpu['client'] * 1e3:10.3f} + {pg_cpu['server'] * 1e3:.3f} = {pg_total * 1e3:.3f}")
            row("CPU ratio (pgbench CPU per tx / eoffice CPU per transition)",
                f"{pg_total / (client_cpu + server_cpu):10.3f}")
    if ceiling is not None:
        c_lat = [x for r in ceiling["results"] for x in r.latencies]
        c_rate = len(c_lat) / ceiling["wall"] if ceiling["wall"] > 0 else float("nan")
        c_cpu = sum(r.cpu for r in ceiling["results"]) / max(1, len(c_lat))
        row(f"ceiling: bare psycopg transitions/s ({len(c_lat)} transitions)", f"{c_rate:10.1f}")
        row("ceiling: ratio to pgbench", f"{c_rate / tps if tps > 0 else float('nan'):10.3f}")
        row("ceiling: CPU ms per transition: clients + server",
            f"{c_cpu * 1e3:10.2f} + {ceiling['server_cpu'] / max(1, len(c_lat)) * 1e3:.2f}")
        if c_lat:
            row("ceiling: latency median / p95 ms",
                f"{statistics.median(c_lat) * 1e3:10.1f} / {pct(c_lat, 0.95) * 1e3:.1f}")
    if latencies:
        row("transition latency median / p95 ms",
            f"{statistics.median(latencies) * 1e3:10.1f} / {pct(latencies, 0.95) * 1e3:.1f}")
        row("  of which commit (audit chain + changes) median / p95 ms",
            f"{statistics.median(commits) * 1e3:10.1f} / {pct(commits, 0.95) * 1e3:.1f}")
        row("  of which inside the driver (SQL round trips) median / p95 ms",
            f"{statistics.median(sqls) * 1e3:10.1f} / {pct(sqls, 0.95) * 1e3:.1f}")
        row("statements per transition (SQLAlchemy) median", f"{statistics.median(stmts):10.0f}")
    if sampler.samples:
        row("backends waiting on a lock / active (mean of samples)",
            f"{statistics.mean(waiting):10.1f} / {statistics.mean(active):.1f}  "
            f"(wait events: {dict(sampler.events.most_common(4))})")
        total_waits = sum(sampler.queries.values()) or 1
        for query, n in sampler.queries.most_common(3):
            print(f"  {n / total_waits * 100:5.1f} % of lock waits in: {query}")
    row("client preparation s (max)", f"{max(r.prep_seconds for r in results):10.1f}")
    row("result check", "OK" if ok else "FAILED")
    for p in problems[:10]:
        print(f"  ! {p}")

    print("\n--- single client alone, cProfile ---")
    n = prof["transitions"]
    print(f"without profiler: {n} transitions, {prof['plain_s'] / n * 1e3:.1f} ms each, of which "
          f"{prof['plain_sql'] / n * 1e3:.1f} ms inside the driver (SQL round trips), "
          f"{(prof['plain_s'] - prof['plain_sql']) / n * 1e3:.1f} ms Python (ORM, services, signing)")
    print(f"under cProfile: {n} transitions, {prof['elapsed'] / n * 1e3:.1f} ms each "
          "(profiler overhead inflates Python-heavy code)")
    print("statements per transition by stage: "
          + ", ".join(f"{k}: {statistics.median(v):.0f}" for k, v in prof["per_stage"].items()))
    print(f"statement kinds (all profiled transitions): {dict(prof['kinds'])}")
    print("time by package (tottime share):")
    for name, secs in Counter(prof["groups"]).most_common():
        share, per = secs / prof["total"] * 100, secs / prof["transitions"] * 1e3
        print(f"  {name:<45} {share:5.1f} %   {per:6.2f} ms/trans")
    print("statements of one transition (paraf_kasi):")
    for s in prof["first_transition_sql"]:
        print(f"  {s}")
    print(prof["report"])
    print(f"total run time {time.perf_counter() - started:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
