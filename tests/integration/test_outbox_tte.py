"""A TTE made offline: queued as the signed decision to sign that version, with no number; at push the same
client, with the same key, numbers, dates and PAdES-signs it: one number, one signature, valid for pyHanko's
validator and pdfsig. Without the key unlocked the push waits (blocked) instead of signing unsigned."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from eoffice.app import commands as c
from eoffice.app.offline import enqueue
from eoffice.app.session import Session
from eoffice.services import letters, signatures
from eoffice.store.models import AuditEvent
from eoffice.sync import outbox
from eoffice.sync.push import push
from tests.integration.helpers import actor, decide, draft, identity, run, submit
from tests.integration.test_outbox import _cache
from tests.integration.test_paraf import _pdfsig, _signed
from tests.unit.signing.test_pades import pyhanko_cli


def test_an_offline_tte_is_numbered_and_signed_once_at_push(content_engine: Engine, content_url: str,
                                                           home: Path, tmp_path: Path) -> None:
    doc = draft(content_engine, "staf.kominfo", subject="TTE luring")
    submit(content_engine, "staf.kominfo", doc)
    for who in ("kasi1.kominfo", "kabid1.kominfo", "sekretaris.kominfo"):
        decide(content_engine, home, who, doc)
    kepala, key = actor(content_engine, "kepala.kominfo"), identity(home, "kepala.kominfo")
    cache = _cache(content_engine, home, "kepala.kominfo")
    session = Session(content_url, home)
    try:
        queued = enqueue(cache, c.SignLetter(document_id=doc), kepala, key)
        assert run(content_engine, lambda uow: letters.get_document(uow, doc).number) is None  # none offline
        assert run(cache, lambda uow: letters.get_document(uow, doc).number) is None
        waiting = push(session, kepala, None, cache)  # the key is not unlocked: it waits, nothing is signed
        assert waiting.blocked == 1 and outbox.get(cache, queued.action_id).status == outbox.BLOCKED
        assert run(content_engine, lambda uow: letters.get_document(uow, doc).signed_pdf_sha256) is None
        outbox.retry(cache, queued.action_id)
        done = push(session, kepala, key, cache)
        assert done.applied == 1
        entry = outbox.get(cache, queued.action_id)
        number = run(content_engine, lambda uow: letters.get_document(uow, doc).number)
        assert number and entry.result["number"] == number
        assert push(session, kepala, key, cache).applied == 0  # nothing left: never signed twice
        signed_events = run(content_engine, lambda uow: uow.session.query(AuditEvent).filter(
            AuditEvent.action == "letter.signed", AuditEvent.document_id == doc).count())
        assert signed_events == 1
        pdf = _signed(content_engine, doc)
        out = _pdfsig(pdf, tmp_path)
        assert "Signature is Valid" in out and "Mismatch" not in out, out
        roots = run(content_engine, signatures.trust_roots)
        checked = pyhanko_cli(pdf, roots[0], tmp_path)
        valid = out.count("Signature is Valid")  # the reviewers' paraf and the TTE
        assert valid >= 2 and checked.count("The signature is judged VALID") == valid, checked
    finally:
        session.close()
        cache.dispose()
