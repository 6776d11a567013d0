"""Kind-specific parts of a letter: the version's ``fields`` (docs/letter-fields.md) read into the renderer's
data, checked when written and at submission. Plain data, no ReportLab: the submit path stays light."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from eoffice.documents.letter import Assignee, Assignment, Decree, Invitation, Proceedings
from eoffice.domain import BadInput, DocKind
from eoffice.validate import check_date, check_strings, parse_date


def _list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadInput("Bagian naskah harus berupa daftar teks")
    return tuple(value)


def _date(value: Any, what: str = "Tanggal") -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return check_date(value, what)  # YAML reads 2026-12-03 as a date
    return parse_date(str(value), what)


def kind_parts(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Kind-specific parts from a version's ``fields`` (documented in docs/letter-fields.md)."""
    out: dict[str, Any] = {}
    if inv := fields.get("undangan"):
        out["invitation"] = Invitation(day=_date(inv.get("tanggal")), time=str(inv.get("waktu", "")),
                                       place=str(inv.get("tempat", "")), agenda=str(inv.get("acara", "")),
                                       dress=str(inv.get("pakaian", "")))
    if sk := fields.get("keputusan"):
        out["decree"] = Decree(menimbang=_list(sk.get("menimbang")), mengingat=_list(sk.get("mengingat")),
                               memperhatikan=_list(sk.get("memperhatikan")),
                               menetapkan=str(sk.get("menetapkan", "")), diktum=_list(sk.get("diktum")))
    if st := fields.get("tugas"):
        people = tuple(Assignee(name=str(p.get("nama", "")), nip=str(p.get("nip", "")),
                                rank=str(p.get("pangkat", "")), jabatan=str(p.get("jabatan", "")))
                       for p in st.get("kepada", []))
        out["assignment"] = Assignment(dasar=_list(st.get("dasar")), assignees=people, untuk=_list(st.get("untuk")))
    if (ba := fields.get("berita_acara")) is not None:
        if not isinstance(ba, Mapping):
            raise BadInput("Bagian berita_acara harus berupa pemetaan (tanggal, tempat)")
        out["proceedings"] = Proceedings(day=_date(ba.get("tanggal"), "Tanggal kegiatan berita acara"),
                                         place=str(ba.get("tempat") or "").strip())
    return out


def check_parts(kind: str, fields: Mapping[str, Any]) -> None:
    """At draft and revision: the kind-specific parts parse (a bad date is refused when typed, not at render)."""
    check_strings(fields, "Bagian naskah")
    try:
        kind_parts(fields)
    except (AttributeError, TypeError) as exc:  # e.g. "undangan: teks" where a mapping belongs
        raise BadInput(f"Bagian naskah {kind} tidak sesuai format (docs/letter-fields.md)") from exc


def check_complete(kind: str, fields: Mapping[str, Any]) -> None:
    """At submission: what the signed letter must state. A berita acara records an event on a given day, which
    the drafter knows; it is spelled out in the opening sentence of every render, so it must be there before
    reviewers paraf the working PDF."""
    parts = kind_parts(fields)
    if kind == DocKind.BERITA_ACARA.value and getattr(parts.get("proceedings"), "day", None) is None:
        raise BadInput("Tanggal kegiatan berita acara wajib diisi sebelum naskah diajukan "
                       "(hari dan tanggal kegiatan yang dicatat, format YYYY-MM-DD)")
