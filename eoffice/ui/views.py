"""The navigation's views: their labels and badge counts, which letters each lists, and the fetches that run
on the task runner's worker threads (no widgets here)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from eoffice.domain import STATUS_LABELS
from eoffice.services.queries import DRAFT_STATUSES, Cursor, cursor
from eoffice.ui.models import (
    ListRow,
    delivered_row,
    disposition_row,
    inbox_row,
    letter_row,
    queued_draft_row,
    returned_row,
)
from eoffice.ui.text import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from eoffice.app.queries import Filters
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front

VIEWS = [  # key, label, count key
    ("inbox", QT_TRANSLATE_NOOP("MainWindow", "Kotak Masuk"), "inbox"),
    ("attention", QT_TRANSLATE_NOOP("MainWindow", "Perlu Perhatian"), "attention"),  # ui/attention.py
    ("sign", QT_TRANSLATE_NOOP("MainWindow", "Perlu Tanda Tangan"), "sign"),
    ("paraf", QT_TRANSLATE_NOOP("MainWindow", "Perlu Paraf"), "paraf"),
    ("disposisi", QT_TRANSLATE_NOOP("MainWindow", "Disposisi"), "disposisi"),
    ("drafts", QT_TRANSLATE_NOOP("MainWindow", "Draf"), "drafts"),
    ("sent", QT_TRANSLATE_NOOP("MainWindow", "Terkirim"), None),
    ("tracking", QT_TRANSLATE_NOOP("MainWindow", "Pelacakan"), None),
    ("search", QT_TRANSLATE_NOOP("MainWindow", "Pencarian"), None),
    ("dashboard", QT_TRANSLATE_NOOP("MainWindow", "Dasbor"), None),
    ("archive", QT_TRANSLATE_NOOP("MainWindow", "Arsip"), None),
    ("verify", QT_TRANSLATE_NOOP("MainWindow", "Verifikasi PDF"), None),
    ("admin", QT_TRANSLATE_NOOP("MainWindow", "Admin"), None),
]
MAIL_VIEWS = {"inbox", "sign", "paraf", "disposisi", "drafts", "sent", "tracking", "archive", "search"}
IN_FLIGHT = {"in_review", "to_sign", "signed"}
ARCHIVED = {"dispatched", "archived", "rejected", "withdrawn", "registered"}
VIEW_STATUSES = {"drafts": DRAFT_STATUSES, "sent": set(STATUS_LABELS) - DRAFT_STATUSES, "tracking": IN_FLIGHT,
                 "archive": ARCHIVED}  # the letter lists (drafts and sent: the user's own letters)
translate = QCoreApplication.translate
VIEW_LABELS = {key: label for key, label, _ in VIEWS}  # untranslated: MainWindow.tr() them
BADGES = {key: count_key for key, _, count_key in VIEWS if count_key}  # a view's key in the counts


# Where the next page of a letter list starts, and how many letters the whole list has.
More = tuple[Cursor, int]
# The rows, the inbox items by document (inbox views), and the next page's start when there is one.
Rows = tuple[list[ListRow], dict[str, Any] | None, More | None]
FirstScreen = tuple[dict[str, int], Rows]


def fetch_counts(b: Front, a: Actor) -> dict[str, int]:
    """Runs in a worker thread: the navigation badges. Kotak Masuk counts what waits for the user: route steps,
    unread deliveries and disposisi, letters returned to them."""
    c: dict[str, int] = b.counts(a)
    extra = _mail_rows(b, a)
    c["inbox"] = c["sign"] + c["paraf"] + c["registry"] + sum(1 for r in extra if r.unread)
    c["received"] = sum(1 for r in extra if r.stage_kind == "delivered" and r.unread)
    c["returned"] = sum(1 for r in extra if r.stage_kind == "returned")
    c["attention"] = len(b.attention(a))  # commands made offline that the person must look at
    return c


def _mail_rows(b: Front, a: Actor, skip: set[str] | frozenset[str] = frozenset()) -> list[ListRow]:
    """What concerns the user besides their route steps: disposisi still open for them, letters returned to
    them, dispatched letters delivered to them (read ones too, below the rest)."""
    rows = [disposition_row(d) for d in b.dispositions(a) if d["status"] in ("baru", "sent", "read")]
    rows += [returned_row(r) for r in b.letter_list(a, mine=True, statuses={"returned"})]
    rows += [delivered_row(r) for r in b.delivered(a)]
    seen, out = set(skip), []
    for r in rows:
        if r.id not in seen:
            seen.add(r.id)
            out.append(r)
    return sorted(out, key=lambda r: not r.unread)  # stable: unread first, each group newest first


def fetch_rows(b: Front, a: Actor, key: str, after: Cursor | None = None,
               find: tuple[str, Filters] | None = None) -> Rows:
    """Runs in a worker thread: the rows, and the inbox items by document when the view is an inbox; for the
    letter lists one page (the next after *after*); for Pencarian what *find* (words, filters) finds. The
    cache's rows overlaid with the user's commands waiting in the outbox: a step decided offline has left the
    inbox (Front.inbox), a letter with one is marked."""
    rows, items, more = _rows(b, a, key, after, find)
    waiting = b.pending(a)
    if waiting:
        rows = [dataclasses.replace(r, pending=waiting[r.id]) if r.id in waiting else r for r in rows]
    return rows, items, more


def _rows(b: Front, a: Actor, key: str, after: Cursor | None, find: tuple[str, Filters] | None) -> Rows:
    if key == "search":
        return ([letter_row(r) for r in b.search(a, *find)] if find is not None else []), None, None
    if key in ("inbox", "sign", "paraf"):
        items = b.inbox(a)
        by_doc = {i.document_id: i for i in items}
        if key == "sign":
            items = [i for i in items if i.stage_kind == "sign"]
        elif key == "paraf":
            items = [i for i in items if i.stage_kind in ("paraf", "approve")]
        rows = [inbox_row(i) for i in items]
        if key == "inbox":
            rows += _mail_rows(b, a, skip=set(by_doc))
        return rows, by_doc, None
    if key == "disposisi":
        return [disposition_row(d) for d in b.dispositions(a)], None, None
    mine, statuses = key in ("drafts", "sent"), VIEW_STATUSES[key]
    letters = b.letter_list(a, mine=mine, statuses=statuses, after=after)
    more = None
    if len(letters) >= b.list_limit:  # a full page: there may be more
        more = (cursor(letters[-1]), b.letter_count(a, mine=mine, statuses=statuses))
    rows = [letter_row(r) for r in letters]
    if key == "drafts" and after is None:  # new letters made offline: listed, marked, until pushed
        rows = [queued_draft_row(d, a.name) for d in b.queued_drafts(a)] + rows
    if key == "tracking":  # who has each letter now, by name and jabatan
        held = b.holders(a, [r.id for r in rows])
        rows = [dataclasses.replace(r, what=translate("MainWindow", "{status}, di {who}").format(
            status=r.what, who=held[r.id])) if r.id in held else r for r in rows]
    return rows, None, more


def first_screen(b: Any, a: Any) -> FirstScreen:
    """What the window opens with (App loads it beside the password check)."""
    return fetch_counts(b, a), fetch_rows(b, a, "inbox")
