"""The verification page speaks one language at a time: the verdict's English details (signing/verify.py's
change descriptions, ISO times) are worded by the page itself, in Indonesian or English."""

from __future__ import annotations

import re

import pytest

from eoffice.web import pages

VERDICT = {"ok": False, "problems": ["Ada perubahan setelah tanda tangan terakhir (TTE): content changed after "
                                     "signing (not allowed)."],
           "signatures": [
               {"signer": "Budi Santoso", "signing_time": "2026-12-01T17:21:40+08:00", "timestamp": None,
                "intact": True, "trusted": True, "changes": "later signatures or form filling only (allowed)",
                "modification_level": "FORM_FILLING", "covers_entire_file": False},
               {"signer": "Haryanto Wicaksono", "signing_time": "2026-12-01T09:22:34+00:00",
                "timestamp": "2026-12-01T09:22:35+00:00", "intact": False, "trusted": True,
                "changes": "content changed after signing (not allowed)", "modification_level": "OTHER",
                "covers_entire_file": False}]}
ENGLISH = ("later signatures", "content changed", "not allowed", "signing")
INDONESIAN = ("perubahan", "tanda tangan", "diubah", "diizinkan", "utuh", "tepercaya")


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


ID_WORDS = ("perubahan: hanya tanda tangan berikutnya", "isi diubah setelah ditandatangani",
            "1 Desember 2026 17:21 WITA", "Ada perubahan setelah tanda tangan terakhir")
EN_WORDS = ("changes: later signatures or form filling", "content changed after signing",
            "1 December 2026 17:22 WITA", "Changed after the last signature")


@pytest.mark.parametrize(("lang", "foreign", "own"), [("id", ENGLISH, ID_WORDS), ("en", INDONESIAN, EN_WORDS)])
def test_the_verdict_is_worded_in_the_pages_language(lang: str, foreign: tuple[str, ...],
                                                     own: tuple[str, ...]) -> None:
    html = pages.render("result", lang, ok=False, verdict=VERDICT, letter=None, message="", match="")
    body = " ".join(_text(html).split())
    for words in own:
        assert words in body, (words, body)
    shown = body.split(pages.WORDS[lang]["result"], 1)[1].split(pages.WORDS[lang]["upload"], 1)[0]
    for word in foreign:
        assert word not in shown.lower(), (word, shown)
    assert "T17:" not in body and "+08:00" not in body  # times as people write them
