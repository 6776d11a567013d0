"""The page's HTML (Jinja2, autoescaped) and its words in Indonesian and English."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import format_date
from jinja2 import DictLoader, Environment, select_autoescape

from eoffice.documents.dates import format_tanggal
from eoffice.domain import KIND_LABELS, WITA, DocKind
from eoffice.signing.verdict import CHANGES_ID

WORDS: dict[str, dict[str, str]] = {
    "id": {
        "title": "Verifikasi Naskah Dinas", "number": "Nomor", "date": "Tanggal", "kind": "Jenis", "hal": "Hal",
        "signer": "Penanda tangan", "capacity": "Kapasitas", "status": "Status tanda tangan",
        "signed": "Ditandatangani secara elektronik pada", "sha": "SHA-256 berkas bertanda tangan",
        "unknown": "Naskah tidak ditemukan", "unknown_text": "Tidak ada naskah bertanda tangan dengan kode ini. "
        "Periksa kembali kode QR; naskah yang tidak tercantum di sini tidak diterbitkan oleh instansi ini.",
        "upload": "Periksa berkas PDF", "upload_text": "Unggah berkas PDF naskah untuk memeriksa tanda tangan "
        "elektroniknya.", "check": "Periksa", "valid": "SAH", "invalid": "TIDAK SAH", "result": "Hasil",
        "same": "Berkas ini sama dengan naskah bertanda tangan nomor", "differs": "Berkas ini BUKAN berkas "
        "bertanda tangan naskah ini (isinya berbeda).", "not_ours": "Berkas ini tidak tercatat sebagai naskah "
        "bertanda tangan instansi ini.", "intact": "utuh", "trusted": "tepercaya", "changes": "perubahan",
        "yes": "ya", "no": "TIDAK", "problem": "Masalah", "no_sig": "Tidak ada tanda tangan elektronik",
        "too_big": "Berkas terlalu besar (maksimal {mb} MB).", "timeout": "Pemeriksaan terlalu lama dan dihentikan: "
        "berkas tidak dapat diperiksa.", "not_pdf": "Berkas tidak dapat diperiksa", "slow_down": "Terlalu banyak "
        "permintaan: coba lagi sebentar lagi.", "lang": "English", "timestamp": "cap waktu",
        "missing": "Pilih berkas PDF terlebih dahulu.",
        **CHANGES_ID,
        "changed_after": "Ada perubahan setelah tanda tangan terakhir: {changes}.",
    },
    "en": {
        "title": "Official Letter Verification", "number": "Number", "date": "Date", "kind": "Kind",
        "hal": "Subject", "signer": "Signed by", "capacity": "Capacity", "status": "Signature status",
        "signed": "Signed electronically on", "sha": "SHA-256 of the signed file",
        "unknown": "Letter not found", "unknown_text": "There is no signed letter with this code. Check the QR "
        "code again; a letter not listed here was not issued by this agency.",
        "upload": "Check a PDF file", "upload_text": "Upload the letter's PDF file to check its electronic "
        "signatures.", "check": "Check", "valid": "VALID", "invalid": "NOT VALID", "result": "Result",
        "same": "This file is the signed letter number", "differs": "This file is NOT this letter's signed "
        "file (its content differs).", "not_ours": "This file is not on record as a signed letter of this "
        "agency.", "intact": "intact", "trusted": "trusted", "changes": "changes", "yes": "yes", "no": "NO",
        "problem": "Problem", "no_sig": "No electronic signature", "too_big": "File too large (at most {mb} MB).",
        "timeout": "The check took too long and was stopped: the file cannot be checked.",
        "not_pdf": "The file cannot be checked", "slow_down": "Too many requests: please try again shortly.",
        "lang": "Bahasa Indonesia", "timestamp": "timestamp", "missing": "Choose a PDF file first.",
        "NONE": "no changes after signing",
        "LTA_UPDATES": "only validation data / document timestamps added after signing",
        "FORM_FILLING": "later signatures or form filling only (allowed)",
        "ANNOTATIONS": "annotations added after signing", "UNKNOWN": "could not be analysed",
        "OTHER": "content changed after signing (not allowed)",
        "changed_after": "Changed after the last signature: {changes}.",
    },
}

BASE = """<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ w.title }}</title>
<style>body{font-family:sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse}td,th{text-align:left;padding:.3rem .8rem .3rem 0;vertical-align:top}
.ok{color:#11661b;font-weight:bold}.bad{color:#a30d0d;font-weight:bold}code{word-break:break-all}
.box{border:1px solid #bbb;border-radius:6px;padding:1rem;margin:1rem 0}</style></head><body>
<p style="text-align:right"><a id="lang" href="?lang={{ other }}">{{ w.lang }}</a></p>
<h1>{{ w.title }}</h1>{% block body %}{% endblock %}
<div class="box"><h2>{{ w.upload }}</h2><p>{{ w.upload_text }}</p>
<form method="post" action="/verify?lang={{ lang }}" enctype="multipart/form-data">
<input type="hidden" name="id" value="{{ letter.id if letter else '' }}">
<input type="file" name="file" accept="application/pdf" required> <button type="submit">{{ w.check }}</button>
</form></div></body></html>"""

LETTER = """{% extends "base" %}{% block body %}
{% if letter %}<table id="letter">
<tr><th>{{ w.number }}</th><td id="number">{{ letter.number or "-" }}</td></tr>
<tr><th>{{ w.date }}</th><td>{{ date }}</td></tr>
<tr><th>{{ w.kind }}</th><td>{{ kind }}</td></tr>
<tr><th>{{ w.hal }}</th><td>{{ letter.subject }}</td></tr>
<tr><th>{{ w.signer }}</th><td>{{ letter.signer_name }}{% if letter.signer_title %}<br>{{ letter.signer_title }}{% endif %}</td></tr>
{% if letter.capacity %}<tr><th>{{ w.capacity }}</th><td>{{ letter.capacity }}</td></tr>{% endif %}
<tr><th>{{ w.status }}</th><td id="status" class="ok">{{ w.signed }} {{ signed_at }}</td></tr>
<tr><th>{{ w.sha }}</th><td><code id="sha">{{ letter.signed_pdf_sha256 }}</code></td></tr></table>
{% else %}<h2 id="unknown" class="bad">{{ w.unknown }}</h2><p>{{ w.unknown_text }}</p>{% endif %}
{% endblock %}"""

RESULT = """{% extends "base" %}{% block body %}
<h2>{{ w.result }}: <span id="verdict" class="{{ 'ok' if ok else 'bad' }}">{{ w.valid if ok else w.invalid }}</span></h2>
{% if message %}<p id="message" class="bad">{{ message }}</p>{% endif %}
{% if match %}<p id="match">{{ match }}</p>{% endif %}
{% if verdict %}<ul id="signatures">{% for s in verdict.signatures %}
<li>{{ s.signer }}{% if s.signing_time %} ({{ s.signing_time | when(lang) }}){% endif %}: {{ w.intact }} {{ w.yes if s.intact else w.no }},
{{ w.trusted }} {{ w.yes if s.trusted else w.no }}, {{ w.changes }}: {{ w[s.modification_level] or w.UNKNOWN }}{% if s.timestamp %}, {{ w.timestamp }} {{ s.timestamp | when(lang) }}{% endif %}</li>
{% else %}<li>{{ w.no_sig }}</li>{% endfor %}</ul>
{% for p in problems(verdict, w) %}<p class="bad">{{ w.problem }}: {{ p }}</p>{% endfor %}{% endif %}
{% endblock %}"""

ENV = Environment(loader=DictLoader({"base": BASE, "letter": LETTER, "result": RESULT}),
                  autoescape=select_autoescape(default=True, default_for_string=True))


def language(query_lang: str | None, accept: str) -> str:
    if query_lang in WORDS:
        return query_lang
    first = accept.split(",")[0].strip().lower()
    return "en" if first.startswith("en") else "id"


def date_text(when: dt.datetime | None, lang: str, *, time: bool = False) -> str:
    if when is None:
        return "-"
    local = when.astimezone(WITA)
    day = format_tanggal(local.date()) if lang == "id" else format_date(local.date(), "d MMMM y", locale="en")
    return f"{day} {local:%H:%M} WITA" if time else day


def kind_label(kind: str) -> str:
    try:
        return KIND_LABELS[DocKind(kind)]
    except (ValueError, KeyError):
        return kind


def _when(iso: str | None, lang: str) -> str:
    try:
        return date_text(dt.datetime.fromisoformat(iso), lang, time=True) if iso else "-"
    except ValueError:
        return "-"


def problems(verdict: dict[str, Any], w: dict[str, str]) -> list[str]:
    """The verdict's problems in the page's language (signing/verify.py words them in Indonesian only):
    content changed after the last signature; no signature at all is the list's own line."""
    sigs = verdict.get("signatures") or []
    last = sigs[-1] if sigs else None
    if last is None or last.get("covers_entire_file", True) or last.get("modification_level") in (
            "NONE", "LTA_UPDATES"):
        return []
    return [w["changed_after"].format(changes=w.get(str(last.get("modification_level")), w["UNKNOWN"]))]


ENV.filters["when"] = _when


def render(name: str, lang: str, **values: Any) -> str:
    return ENV.get_template(name).render(lang=lang, other="en" if lang == "id" else "id", w=WORDS[lang],
                                         problems=problems, **values)
