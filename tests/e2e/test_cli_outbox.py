"""The real CLI without the network: with a local cache, a decision is queued (exit 0, "queued" with its
action_id), listed by `eoffice outbox list`, pushed by `eoffice sync --once` when the database answers; outbox
retry and discard; refusals in one line."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.cli import Result, assert_one_line_error, run

KEY = {"EOFFICE_KEY_PASSPHRASE": "demo"}
DEAD = "postgresql+psycopg://eoffice@127.0.0.1:1/eoffice"  # nothing listens on port 1: refused at once


def as_user(url: str, home: Path, user: str, *args: str) -> Result:
    return run(*args, db=url, home=home, user=user, password="demo", env=KEY)


def _submitted(url: str, home: Path, tmp_path: Path, subject: str) -> str:
    body = tmp_path / "isi.md"
    body.write_text("Dengan hormat.\n", encoding="utf-8")
    doc = as_user(url, home, "staf.kominfo", "letter", "draft", "--kind", "nota_dinas", "--subject", subject,
                  "--body", str(body), "--to", "KEPALA-DISKOMINFO", "--kode", "000.1.2.3", "--json").json()["id"]
    assert as_user(url, home, "staf.kominfo", "letter", "submit", doc).code == 0
    return str(doc)


def test_offline_approve_is_queued_listed_then_pushed_by_sync(content_url: str, home: Path, tmp_path: Path) -> None:
    doc = _submitted(content_url, home, tmp_path, "Uji antrean CLI")
    other = _submitted(content_url, home, tmp_path, "Uji antrean dibuang")
    assert as_user(content_url, home, "kasi1.kominfo", "sync", "--once").code == 0  # the cache, while connected
    queued = as_user(DEAD, home, "kasi1.kominfo", "approve", doc[:8], "--note", "setuju", "--json")
    assert queued.code == 0, queued.err
    out = queued.json()
    assert out["status"] == "queued" and out["document_id"] == doc and len(out["action_id"]) == 36
    human = as_user(DEAD, home, "kasi1.kominfo", "comment", other, "Nanti saya cek.")
    assert human.code == 0 and "diantrekan" in human.out, human.err
    listed = as_user(DEAD, home, "kasi1.kominfo", "outbox", "list", "--json").json()
    assert [(e["type"], e["status"]) for e in listed] == [("decide", "pending"), ("comment", "pending")]
    assert "Uji antrean CLI" in listed[0]["what"] and "waktu perangkat" in listed[0]["what"]
    comment_id = listed[1]["action_id"]
    assert as_user(DEAD, home, "kasi1.kominfo", "outbox", "discard", comment_id[:8]).code == 0
    assert_one_line_error(as_user(DEAD, home, "kasi1.kominfo", "outbox", "retry", comment_id), 2, "dibuang")
    assert_one_line_error(as_user(DEAD, home, "kasi1.kominfo", "outbox", "retry", "00000000-0000"), 2,
                          "tidak ada di antrean")
    assert_one_line_error(as_user(DEAD, home, "kasi1.kominfo", "key", "init"), 2, "tidak dapat dihubungi")
    synced = as_user(content_url, home, "kasi1.kominfo", "sync", "--once", "--json")
    assert synced.code == 0, synced.err
    assert synced.json()["push"] == {"applied": 1, "rejected": 0, "blocked": 0, "waiting": 0}
    final = {e["type"]: e for e in as_user(content_url, home, "kasi1.kominfo", "outbox", "list", "--json").json()}
    assert final["decide"]["status"] == "applied" and not final["decide"]["reason"] and final["comment"]["status"] == "discarded"
    history = as_user(content_url, home, "staf.kominfo", "letter", "history", doc, "--json").json()
    assert sum(1 for e in history if e["action"] == "route.approve") == 1
    table = as_user(content_url, home, "kasi1.kominfo", "outbox", "list")
    assert table.code == 0 and "diterapkan" in table.out and "dibuang" in table.out


def test_offline_without_a_cache_fails_in_one_line(content_url: str, home: Path) -> None:
    assert_one_line_error(as_user(DEAD, home, "kasi1.kominfo", "approve", "abcdef12"), 2, "tidak dapat dihubungi")
    assert_one_line_error(as_user(DEAD, home, "kasi1.kominfo", "outbox", "list"), 2, "tidak dapat dihubungi")
