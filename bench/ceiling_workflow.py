"""The ceiling for Python clients (bench_workflow.py --ceiling): the same transition, same database, same
statements and round trips, but written straight against psycopg with no SQLAlchemy and no workflow engine.

Per transition, like ``signatures.decide_signed`` on PostgreSQL: BEGIN + the document with its version hash,
the route row locked (FOR UPDATE, with now()), steps + decisions + notes + delegations (the very SQL
eoffice.store.routes compiles), UPDATE routes (version checked); then in one pipeline the two step rows, the
decision with its signed statement (EC P-256, the actor's real key), the document status, the seal (audit
chain linked by the server: eoffice.store.uow's own statement) and COMMIT. What it leaves out is everything
in Python around those: the ORM, SQLAlchemy Core's statement handling, the workflow engine's checks, the
unit of work. So (ceiling rate / eoffice rate) is what is left to win on the client side, and
(ceiling rate / pgbench tps) is the best a Python client doing this work can reach on this machine.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

DOC_SQL = (
    "SELECT d.*, v.content_sha256 FROM documents d JOIN document_versions v "
    "ON v.document_id = d.id AND v.version = d.current_version WHERE d.id = %(id)s")
ROUTE_UPDATE_SQL = (
    "UPDATE routes SET status = %(status)s, round = %(round)s, version = %(new_version)s, "
    "restart_from = %(restart_from)s, updated_at = %(at)s WHERE document_id = %(id)s AND version = %(version)s")
STEP_UPDATE_SQL = "UPDATE steps SET status = %(status)s, due_at = %(due_at)s, activated_at = %(at)s WHERE id = %(id)s"
DECISION_SQL = (
    "INSERT INTO decisions (step_id, action_id, actor_id, decision, capacity, on_behalf_of, note, version_hash, "
    "payload, signature, cert_fingerprint, decided_at) VALUES (%(step_id)s, %(action_id)s, %(actor_id)s, "
    "'approved', '', NULL, '', %(version_hash)s, %(payload)s, %(signature)s, %(fp)s, %(at)s)")
DOC_UPDATE_SQL = "UPDATE documents SET status = %(status)s, updated_at = %(at)s WHERE id = %(id)s"


def _compiled(statement: Any) -> str:
    from sqlalchemy.dialects import postgresql

    return str(statement.compile(dialect=postgresql.psycopg.dialect()))  # type: ignore[no-untyped-call]


class CeilingClient:
    def __init__(self, url: str, identities: dict[str, Any], user_ids: dict[str, int]) -> None:
        import psycopg
        from sqlalchemy.engine import make_url

        from eoffice.store import routes

        u = make_url(url)
        self.conn = psycopg.connect(host=u.host, port=u.port, user=u.username, password=u.password,
                                    dbname=u.database, application_name="eoffice")
        self.route_sql = _compiled(routes._query("route", True, True))
        self.parts_sql = _compiled(routes._query("parts", True, False))
        self.identities, self.user_ids = identities, user_ids

    def approve(self, login: str, doc_id: str) -> None:
        from psycopg.types.json import Json

        from eoffice.services.signatures import statement_extras
        from eoffice.store.uow import _PG_SEAL_SQL, PendingAudit, _event_parts, _iso

        conn, actor_id = self.conn, self.user_ids[login]
        cur = conn.cursor()
        cur.execute(DOC_SQL, {"id": doc_id})
        doc = cur.fetchone()
        assert doc is not None
        version_hash = doc[-1]
        cur.execute(self.route_sql, {"document_id": doc_id})
        head = cur.fetchone()
        assert head is not None
        version, now = head[8], head[9].astimezone(dt.UTC)
        cur.execute(self.parts_sql, {"document_id": doc_id, "actor_id": actor_id})
        steps = [r for r in cur.fetchall() if r[0] == 0]
        mine = next(i for i, r in enumerate(steps) if r[6] == login and r[5] == "pending")
        step_id, following = steps[mine][2], steps[mine + 1]
        extra = statement_extras(self.identities[login], document_id=doc_id, version_hash=version_hash,
                                 step_id=step_id, decision="approved", actor=login)
        status = "to_sign" if following[4] == "sign" else "in_review"
        cur.execute(ROUTE_UPDATE_SQL, {"status": head[2], "round": head[3], "new_version": version + 1,
                                       "restart_from": head[5], "at": now, "id": doc_id, "version": version})
        assert cur.rowcount == 1
        event = PendingAudit("route.approve", actor_id, doc_id, {"events": [
            {"type": "step.decided", "step": step_id, "decision": "approved"},
            {"type": "step.activated", "step": following[2]}]}, extra.get("signature"))
        seal = {"events": json.dumps([_event_parts(1, event, now)], default=_iso),
                "changes": json.dumps([{"k": 1, "entity": "document", "entity_id": doc_id, "at": now}],
                                      default=_iso), "m": 1}
        with conn.pipeline():
            cur.executemany(STEP_UPDATE_SQL, [
                {"status": "approved", "due_at": steps[mine][16], "at": steps[mine][17], "id": step_id},
                {"status": "pending", "due_at": now + dt.timedelta(days=3), "at": now, "id": following[2]}])
            cur.execute(DECISION_SQL, {"step_id": step_id, "action_id": extra["action_id"], "actor_id": actor_id,
                                       "version_hash": version_hash, "payload": Json(extra["payload"]),
                                       "signature": extra.get("signature"), "fp": extra.get("cert_fingerprint"),
                                       "at": now})
            cur.execute(DOC_UPDATE_SQL, {"status": status, "at": now, "id": doc_id})
            cur.execute(_PG_SEAL_SQL, seal)
            conn.commit()


def ceiling_main(index: int, url: str, home: str, docs: int, barrier: Any, results: Any) -> None:
    """Like bench_workflow.client_main, with CeilingClient doing the timed transitions."""
    from bench_workflow import APPROVERS, Client, ClientResult

    res = ClientResult(index)
    try:
        prep = Client(url, Path(home))
        warm = prep.submitted_nota(f"Pemanasan plafon {index}")
        res.docs = [prep.submitted_nota(f"Nota plafon {index}-{i}") for i in range(docs)]
        user_ids = {login: a.user_id for login, a in prep.actors.items()}
        client = CeilingClient(url, prep.identities, user_ids)
        prep.engine.dispose()
        for login in APPROVERS:
            client.approve(login, warm)
        res.docs.append(warm)
    except Exception as exc:
        res.errors.append(f"prepare: {exc!r}")
        barrier.wait()
        results.put(res.__dict__)
        return
    barrier.wait()
    res.started = time.monotonic()
    cpu0 = time.process_time()
    for doc_id in res.docs[:-1]:
        for login in APPROVERS:
            t = time.perf_counter()
            try:
                client.approve(login, doc_id)
            except Exception as exc:
                client.conn.rollback()
                res.errors.append(f"{doc_id} {login}: {exc!r}")
                continue
            res.latencies.append(time.perf_counter() - t)
    res.finished = time.monotonic()
    res.cpu = time.process_time() - cpu0
    client.conn.close()
    results.put(res.__dict__)

