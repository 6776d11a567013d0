"""The verdict on a PDF's signatures as `eoffice verify` reports it (also what the verification page shows):
a plain dict, so it can come back from a sandboxed process."""

from __future__ import annotations

from typing import Any

from cryptography import x509

# What changed after a signature, by pyHanko's modification level, in Indonesian: `eoffice verify`, the desktop's
# details and the verification page's Indonesian words (web/pages.py) say the same.
CHANGES_ID: dict[str, str] = {
    "NONE": "tidak ada perubahan setelah ditandatangani",
    "LTA_UPDATES": "hanya data validasi / cap waktu dokumen yang ditambahkan setelah ditandatangani",
    "FORM_FILLING": "hanya tanda tangan berikutnya atau pengisian formulir (diizinkan)",
    "ANNOTATIONS": "anotasi ditambahkan setelah ditandatangani", "UNKNOWN": "tidak dapat dianalisis",
    "OTHER": "isi diubah setelah ditandatangani (tidak diizinkan)",
}


def field_words(name: str) -> str:
    """A signature field as a person reads it: a paraf's field carries its route step's id ("Paraf-<uuid>")."""
    return "Paraf" if name.startswith("Paraf-") else name


def verdict(data: bytes, roots: list[x509.Certificate], crls: list[bytes] | None = None) -> dict[str, Any]:
    from eoffice.signing.ltv import verify_timestamps
    from eoffice.signing.verify import verify_pdf  # pyHanko: loaded only when something is verified

    report = verify_pdf(data, trust_roots=roots, crls=crls or [])
    stamps = verify_timestamps(data, roots) if report.signatures else []
    sigs = [{"field": s.field_name, "signer": s.signer_name, "nip": s.signer_nip,
             "signing_time": s.claimed_time.isoformat() if s.claimed_time else None,
             "timestamp": s.timestamp_time.isoformat() if s.timestamp_time else None, "intact": s.intact,
             "valid": s.valid, "trusted": s.trusted, "revoked": s.revoked, "coverage": s.coverage,
             "changes": s.changes, "modification_level": s.modification_level,
             "covers_entire_file": s.covers_entire_file, "ok": s.ok, "error": s.error} for s in report.signatures]
    timestamps = [{"field": t.field_name, "time": t.time.isoformat() if t.time else None, "ok": t.ok,
                   "error": t.error} for t in stamps]
    return {"ok": report.ok and all(t["ok"] for t in timestamps), "problems": report.problems,
            "signatures": sigs, "document_timestamps": timestamps}


def human_lines(payload: dict[str, Any]) -> list[str]:
    lines = [] if payload["signatures"] else ["Tidak ada tanda tangan elektronik pada berkas ini"]
    for s in payload["signatures"]:
        lines.append(f"{field_words(s['field'])}: {s['signer']} (NIP {s['nip'] or '-'}) {s['signing_time'] or ''}")
        lines.append(f"  utuh: {'ya' if s['intact'] else 'TIDAK'}  tepercaya: {'ya' if s['trusted'] else 'TIDAK'}  "
                     f"dicabut: {'YA' if s['revoked'] else 'tidak'}  "
                     f"perubahan: {CHANGES_ID.get(str(s['modification_level']), CHANGES_ID['UNKNOWN'])}")
    for t in payload["document_timestamps"]:
        lines.append(f"cap waktu dokumen {t['field']}: {t['time']} {'sah' if t['ok'] else 'TIDAK SAH'}")
    lines += [f"masalah: {p}" for p in payload["problems"]]
    lines.append("HASIL: SAH" if payload["ok"] else "HASIL: TIDAK SAH")
    return lines
