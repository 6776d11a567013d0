"""The outbox's batched marks (sync/outbox.set_statuses): marks of different shapes in one batch each set
exactly their own columns, on their own row."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from eoffice.store.db import make_engine
from eoffice.sync import outbox


def test_a_batch_of_marks_of_every_shape(tmp_path: Path) -> None:
    cache = make_engine(f"sqlite:///{tmp_path / 'cache.db'}")
    outbox.create(cache)
    ids = [str(uuid.uuid4()) for _ in range(6)]
    for action_id in ids:
        outbox.add(cache, action_id=action_id, login="kasi", type_name="decide", document_id="d", payload=b"{}",
                   base_version="v", claimed_at=dt.datetime.now(dt.UTC), signature=None, cert_fingerprint=None)
    outbox.set_statuses(cache, [
        outbox.Mark(ids[0], outbox.APPLIED, result={"status": "in_review"}, attempted=True),
        outbox.Mark(ids[1], outbox.APPLIED, result={"status": "to_sign"}, attempted=True),
        outbox.Mark(ids[2], outbox.PENDING, "jaringan putus", next_try=123.0, attempted=True),
        outbox.Mark(ids[3], outbox.BLOCKED, "Buka kunci TTE"),
        outbox.Mark(ids[4], outbox.REJECTED, "Naskah telah diubah", attempted=True),
    ])
    outbox.set_statuses(cache, [])  # nothing to write: no transaction, no error
    got = {e.action_id: (e.status, e.attempts, e.next_try, e.last_error, e.result) for e in outbox.entries(cache, "kasi")}
    assert got == {
        ids[0]: (outbox.APPLIED, 1, 0.0, "", {"status": "in_review"}),
        ids[1]: (outbox.APPLIED, 1, 0.0, "", {"status": "to_sign"}),
        ids[2]: (outbox.PENDING, 1, 123.0, "jaringan putus", None),
        ids[3]: (outbox.BLOCKED, 0, 0.0, "Buka kunci TTE", None),
        ids[4]: (outbox.REJECTED, 1, 0.0, "Naskah telah diubah", None),
        ids[5]: (outbox.PENDING, 0, 0.0, "", None),  # not marked: as queued
    }
    cache.dispose()
