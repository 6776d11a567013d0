"""BSrE provider and verification page benchmark (not a test). Run from the repo root:

    .venv/bin/python bench/bench_bsre.py [--runs 15] [--requests 1000]

1. A TTE through the BSrE provider against the stand-in esign service (tests/bsre_server.py, loopback HTTP)
   next to a local-key TTE of the same working PDF, in the same run. The provider's own overhead is the
   wall time minus the service's signing time (measured inside the stand-in): the app's stamp + fill
   update, base64/JSON, HTTP, and the check that the answer is an incremental update with one new signature.
   The VISIBLE mode's overhead (the stamp as a PNG, its place read from the PDF) is measured the same way.
2. `eoffice serve-verify` (uvicorn, subprocess) on a demo database with a signed letter: latency of
   GET /v/<id> under 50 concurrent clients (p50, p99), rate limits raised for the run; the baseline is
   GET /healthz on the same server in the same run (no database read, no template).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_sign import make_pdf  # noqa: E402
from eoffice.signing.bsre import BsreClient, Credentials  # noqa: E402
from eoffice.signing.ca import init_ca, issue_user_cert  # noqa: E402
from eoffice.signing.form import TextFieldSpec  # noqa: E402
from eoffice.signing.keys import generate_key  # noqa: E402
from eoffice.signing.keystore import Identity  # noqa: E402
from eoffice.signing.pades import FieldSpec, prepare_fields  # noqa: E402
from eoffice.signing.providers import SignJob  # noqa: E402
from eoffice.signing.providers.bsre import BsreProvider, PendingStore  # noqa: E402
from eoffice.signing.providers.local import LocalProvider  # noqa: E402
from eoffice.signing.stamp import StampSpec  # noqa: E402
from eoffice.signing.stamp_field import STAMP_FIELD  # noqa: E402
from tests.bsre_server import PASSWORD, USER, serve_bsre  # noqa: E402

BOX = (300, 150, 541, 235)
TEXTS = [TextFieldSpec("nomor", 0, (100, 700, 400, 716), "Nomor ", "....", 0, 12.0),
         TextFieldSpec("tanggal", 0, (300, 260, 541, 276), "Samarinda, ", "....", 0, 12.0)]


def _job(pdf: bytes, field: str, n: int) -> SignJob:
    when = dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=8)))
    return SignJob(f"00000000-0000-0000-0000-{n:012d}", pdf, field,
                   StampSpec(name="Kepala Dinas Uji", title="Kepala Dinas", nip="198001012005011001",
                             qr_data="https://verifikasi.example/v/x"),
                   {"nomor": f"000.1/{n:04d}/DISKOMINFO/2026", "tanggal": "1 Desember 2026"}, "Uji", "Samarinda",
                   when)


def bench_tte(runs: int) -> None:
    ca = init_ca("Pemerintah Provinsi Kalimantan Timur")
    key = generate_key()
    local = LocalProvider(Identity(key, issue_user_cert(ca, key.public_key(), name="Kepala", nip="1", title="t",
                                                        unit="u"), list(ca.chain)))
    base = make_pdf(2, "bench")
    local_pdf = prepare_fields(base, [FieldSpec("TTE", 0, BOX)], TEXTS)
    bsre_pdf = prepare_fields(base, [], [*TEXTS, TextFieldSpec(STAMP_FIELD, 0, BOX, "", "", 0, 8.0)])
    with tempfile.TemporaryDirectory() as tmp, serve_bsre() as svc:
        svc.add_signer("6472010101800001", "pp")
        provider = BsreProvider(BsreClient(Credentials(svc.url, USER, PASSWORD)), "6472010101800001", "pp",
                                PendingStore(Path(tmp)))
        visible = BsreProvider(provider.client, "6472010101800001", "pp", PendingStore(Path(tmp)), visible=True)
        local_ms, bsre_ms, service_ms, vis_ms, vis_service_ms = [], [], [], [], []
        for n in range(runs + 1):
            t0 = time.perf_counter()
            local.sign(_job(local_pdf, "TTE", n))
            t1 = time.perf_counter()
            provider.sign(_job(bsre_pdf, STAMP_FIELD, n))
            t2 = time.perf_counter()
            service = svc.sign_seconds[-1]
            visible.sign(_job(bsre_pdf, STAMP_FIELD, runs + 1 + n))
            t3 = time.perf_counter()
            if n:  # the first round warms imports and caches
                local_ms.append((t1 - t0) * 1000)
                bsre_ms.append((t2 - t1) * 1000)
                service_ms.append(service * 1000)
                vis_ms.append((t3 - t2) * 1000)
                vis_service_ms.append(svc.sign_seconds[-1] * 1000)
    over = [b - s for b, s in zip(bsre_ms, service_ms, strict=True)]
    vis_over = [b - s for b, s in zip(vis_ms, vis_service_ms, strict=True)]
    print(f"TTE, 2-page letter, {runs} runs (median ms)")
    print(f"  local key (pyHanko here, B-B):           {statistics.median(local_ms):7.1f}")
    print(f"  BSrE provider, wall time:                {statistics.median(bsre_ms):7.1f}")
    print(f"  of which the stand-in's signing (B-T):   {statistics.median(service_ms):7.1f}")
    print(f"  provider's own overhead:                 {statistics.median(over):7.1f}")
    print(f"  BSrE VISIBLE mode (PNG stamp), overhead: {statistics.median(vis_over):7.1f}")


async def _load(url: str, total: int, concurrency: int) -> list[float]:
    times: list[float] = []
    sem = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=concurrency)) as client:
        async def one() -> None:
            async with sem:
                t0 = time.perf_counter()
                r = await client.get(url)
                times.append(time.perf_counter() - t0)
                assert r.status_code == 200, r.status_code

        await asyncio.gather(*(one() for _ in range(total)))
    return times


def bench_page(total: int) -> None:
    from eoffice.services import demo, letters, signatures
    from eoffice.services.auth import actor_of
    from eoffice.store.db import make_engine
    from eoffice.store.uow import run_in_transaction
    from tests.e2e.verify_page import serve_verify

    with tempfile.TemporaryDirectory() as tmp:
        home, url = Path(tmp) / "home", f"sqlite:///{tmp}/bench.db"
        home.mkdir()
        engine = make_engine(url)
        demo.build(engine, home)
        gub = run_in_transaction(engine, lambda uow: actor_of(uow.users.by_login("gubernur")))
        ident = signatures.open_identity(home, "gubernur", "demo")
        from eoffice.services import routing

        inbox = run_in_transaction(engine, lambda uow: routing.inbox(uow, gub))
        doc = next(i.document_id for i in inbox if i.stage_kind == "sign")
        run_in_transaction(engine, lambda uow: signatures.sign_letter(uow, gub, ident, doc))
        assert run_in_transaction(engine, lambda uow: letters.get_document(uow, doc).signed_pdf_sha256)
        engine.dispose()
        root = Path(tmp) / "root.pem"
        root.write_bytes((home / "ca" / "root.pem").read_bytes())
        with serve_verify(url, home, root, env={"EOFFICE_WEB_RATE_PAGES": "1000000/minute"}) as base:
            asyncio.run(_load(f"{base}/v/{doc}", 100, 50))  # warm-up
            times = sorted(asyncio.run(_load(f"{base}/v/{doc}", total, 50)))
            # baseline, same server and run: /healthz (the framework and server, no database, no template)
            health = sorted(asyncio.run(_load(f"{base}/healthz", total, 50)))
    for name, series in ((f"GET /v/<id>, {total} requests, 50 concurrent (ms):", times),
                         (f"baseline GET /healthz, {total} requests, 50 concurrent (ms):", health)):
        p = lambda q, t=series: t[min(len(t) - 1, int(q * len(t)))] * 1000  # noqa: E731
        print(f"{name} p50 {p(0.50):.1f}  p99 {p(0.99):.1f}  max {series[-1] * 1000:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--requests", type=int, default=1000)
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}")
    bench_tte(args.runs)
    bench_page(args.requests)


if __name__ == "__main__":
    main()
