"""The history's details in words (services/audit_rows.details): what a person reads of an audit row, never an
event type, a digest, a stage name or a login, and never an exception on a broken row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eoffice.services.audit_rows import BROKEN, EventRow, details, people_in

NAMES = {"sekda": "Sri Rahayu Ningsih (Sekretaris Daerah)", "kabid1.kominfo": "Budi Santoso (Kepala Bidang)"}


def row(action: str, data: dict[str, Any] | None) -> EventRow:
    at = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    return EventRow(1, at, at.isoformat(), 7, action, "doc", data, None, "", "")


def test_route_events_say_the_note_not_the_events() -> None:
    returned = row("route.return", {"events": [
        {"type": "step_returned", "step": "f00f", "stage": "paraf_kasi", "from": "pending", "to": "returned",
         "note": "Lengkapi jadwal."},
        {"type": "step_cancelled", "step": "bcd5", "stage": "paraf_kabid", "from": "waiting", "to": "cancelled"},
        {"type": "route_returned", "step": None, "return_to": "paraf_kasi", "round": 1}]})
    assert details(returned, NAMES) == "Lengkapi jadwal."  # a step's "to" is its new state, not a person
    submitted = row("route.submit", {"events": [
        {"type": "route_started", "template": "nota_dinas", "stages": ["paraf_kasi"]},
        {"type": "step_created", "step": "8c8d", "stage": "paraf_kasi", "assignee": "kasi1.kominfo", "round": 1}]})
    assert details(submitted, NAMES) == "" and people_in([submitted]) == set()


def test_people_by_name_and_fields_in_words() -> None:
    sent = row("disposition.send", {"events": [
        {"type": "disposition_sent", "node": "2043", "to": "sekda", "instructions": ["hadiri"], "note": "Wakili."}]})
    assert people_in([sent]) == {"sekda"}
    assert details(sent, NAMES) == "\u2192 Sri Rahayu Ningsih (Sekretaris Daerah); Wakili."
    forwarded = row("route.forward", {"events": [
        {"type": "step_created", "step": "9a", "stage": "paraf_kabid", "assignee": "kabid1.kominfo", "round": 1}]})
    assert details(forwarded, NAMES) == "\u2192 Budi Santoso (Kepala Bidang)"
    signed = row("letter.signed", {"number": "000.1/0001/X/2026", "pdf_sha256": "ba0e" * 16, "level": "B-B"})
    assert details(signed, NAMES) == "000.1/0001/X/2026"
    drafted = row("letter.draft", {"kind": "nota_dinas", "subject": "Permohonan Data"})
    assert details(drafted, NAMES) == "Permohonan Data"


def test_a_broken_row_says_so() -> None:
    assert details(row("route.approve", None), NAMES) == BROKEN
    assert details(row("route.approve", {"events": ["x"]}), NAMES) == BROKEN
    assert details(row("route.approve", {"events": "x"}), NAMES) == BROKEN
    assert people_in([row("route.approve", None)]) == set()
