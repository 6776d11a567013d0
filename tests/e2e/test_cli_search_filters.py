"""`eoffice search` with filters and no words (issue 14, "Missing"), the real command in a subprocess."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.cli import Result, run


def test_search_filters_alone_and_misspelt_filters(content_url: str, home: Path) -> None:
    def search(*args: str) -> Result:
        return run("search", *args, db=content_url, home=home, user="gubernur", password="demo")

    seen = run("letter", "list", "--json", db=content_url, home=home, user="gubernur", password="demo").json()
    kind, status = seen[0]["kind"], seen[0]["status"]
    r = search("--kind", kind, "--status", status, "--json")
    assert r.code == 0, r.err
    expected = {x["id"] for x in seen if (x["kind"], x["status"]) == (kind, status)}
    assert {x["id"] for x in r.json()} == expected and {(x["kind"], x["status"]) for x in r.json()} == {(kind, status)}
    assert search("--kind", kind, "--status", status, "--from", "2099-01-01", "--json").json() == []
    bad = search("--status", "selesai")
    assert bad.code == 2 and "Status tidak dikenal" in bad.err and "Traceback" not in bad.err
    empty = search()
    assert empty.code == 2 and "kosong" in empty.err
