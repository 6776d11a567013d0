"""Verbs: letter draft|list|submit|show|history|render|export|revise|withdraw, inbox, approve, return, reject,
workflow import|export|list, delegate, search, forward, comment, overdue, numbering set, diff.

The parser only (light imports, so `--help` loads nothing heavy); letters_verbs.py is imported
when one of these verbs is chosen."""

from __future__ import annotations

import argparse
from pathlib import Path

from eoffice.domain import LIST_LIMIT, Classification, DocKind, Urgency
from eoffice.signing.tsa import tsa_url


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    letter = sub.add_parser("letter", parents=[common], help="naskah dinas").add_subparsers(dest="action",
                                                                                        required=True)
    p = letter.add_parser("draft", parents=[common], help="write a new letter; prints its id")
    p.add_argument("--kind", required=True, choices=[k.value for k in DocKind if k != DocKind.NASKAH_MASUK])
    p.add_argument("--subject", required=True)
    p.add_argument("--body", required=True, type=Path, help="body file: .json (body format) or .md/.txt")
    p.add_argument("--to", action="append", required=True,
                   help="addressee, printed as a jabatan: position code, login, unit code (its head) or the "
                        "jabatan's title; other text is printed as typed")
    p.add_argument("--cc", action="append", default=[], help="tembusan")
    p.add_argument("--urgency", default="biasa", choices=[u.value for u in Urgency])
    p.add_argument("--classification", default="biasa", choices=[c.value for c in Classification])
    p.add_argument("--kode", default="", help="kode klasifikasi arsip, e.g. 000.1.2.3")
    p.add_argument("--fields", type=Path, help="YAML/JSON file with kind-specific parts (docs/letter-fields.md)")
    p.add_argument("--attach", action="append", default=[], type=Path)
    _event_options(p)
    p.set_defaults(func="eoffice.cli.letters_verbs:cmd_draft")
    p = letter.add_parser("list", parents=[common], help="letters you can see")
    p.add_argument("--status")
    p.add_argument("--kind")
    p.add_argument("--limit", type=int, default=LIST_LIMIT,
                   help=f"at most this many, newest first (default {LIST_LIMIT})")
    p.set_defaults(func="eoffice.cli.read_verbs:cmd_list")
    p = letter.add_parser("submit", parents=[common], help="send a draft (or a returned letter) on its route")
    p.add_argument("id")
    p.add_argument("--route", help="route template name (default: the one for the kind and unit)")
    p.set_defaults(func="eoffice.cli.letters_verbs:cmd_submit")
    p = letter.add_parser("revise", parents=[common], help="edit a draft or returned letter (new version)")
    p.add_argument("id")
    p.add_argument("--subject")
    p.add_argument("--body", type=Path)
    p.add_argument("--to", action="append", help="replaces the addressees (as for draft; repeat for several)")
    p.add_argument("--cc", action="append", help="replaces the tembusan; --cc '' removes them")
    p.add_argument("--urgency", choices=[u.value for u in Urgency])
    p.add_argument("--classification", choices=[c.value for c in Classification])
    p.add_argument("--kode", help="kode klasifikasi arsip")
    p.add_argument("--attach", action="append", default=[], type=Path, help="add an attachment")
    _event_options(p)
    p.set_defaults(func="eoffice.cli.letters_verbs:cmd_revise")
    p = letter.add_parser("withdraw", parents=[common], help="withdraw your letter")
    p.add_argument("id")
    p.add_argument("--note", default="")
    p.set_defaults(func="eoffice.cli.letters_verbs:cmd_withdraw")
    for name, helptext in (("show", "details and route progress"), ("history", "audit history")):
        p = letter.add_parser(name, parents=[common], help=helptext)
        p.add_argument("id")
        p.set_defaults(func="eoffice.cli.read_verbs:cmd_show" if name == "show" else "eoffice.cli.read_verbs:cmd_history")
    p = letter.add_parser("render", parents=[common], help="render a preview PDF")
    p.add_argument("id")
    p.add_argument("out", type=Path)
    p.set_defaults(func="eoffice.cli.letters_verbs:cmd_render")
    p = letter.add_parser("export", parents=[common], help="export the current PDF (the signed one once signed)")
    p.add_argument("id")
    p.add_argument("out", type=Path)
    p.add_argument("--package", action="store_true",
                   help="one PDF: the letter then its PDF attachments (for reading; the signed file is separate)")
    p.set_defaults(func="eoffice.cli.letters_verbs:cmd_export")

    p = sub.add_parser("inbox", parents=[common], help="steps waiting for you")
    p.set_defaults(func="eoffice.cli.read_verbs:cmd_inbox")
    for verb in ("approve", "return", "reject"):
        p = sub.add_parser(verb, parents=[common], help=f"{verb} your pending step")
        p.add_argument("id")
        p.add_argument("--note", default="", required=verb != "approve")
        if verb == "return":
            p.add_argument("--to-stage", help="earlier stage to restart from after revision")
        if verb == "approve":
            p.add_argument("--tsa", default=tsa_url(), help="RFC 3161 timestamp service URL for the paraf "
                           "signature on the PDF (env EOFFICE_TSA); unreachable: B-B, upgraded later")
            p.add_argument("--resend", action="store_true", help="send a BSrE paraf request again after an "
                           "unanswered one (check at BSrE first that it was not signed)")
        p.add_argument("--action-id", help="a UUID you made for this action: sent again, it is not applied twice")
        p.set_defaults(func="eoffice.cli.letters_verbs:cmd_decide", decision=verb)

    wf = sub.add_parser("workflow", parents=[common], help="route templates").add_subparsers(dest="action",
                                                                                           required=True)
    p = wf.add_parser("import", parents=[common], help="import a route template (YAML/JSON)")
    p.add_argument("file", type=Path)
    p.set_defaults(func="eoffice.cli.letters_verbs:cmd_wf_import")
    p = wf.add_parser("export", parents=[common], help="export a route template")
    p.add_argument("name")
    p.add_argument("file", type=Path)
    p.set_defaults(func="eoffice.cli.letters_verbs:cmd_wf_export")
    p = wf.add_parser("list", parents=[common], help="list route templates")
    p.set_defaults(func="eoffice.cli.letters_verbs:cmd_wf_list")

    p = sub.add_parser("delegate", parents=[common], help="delegate your authority (Plh./Plt./a.n./u.b.)")
    p.add_argument("to", help="the delegate (login or NIP)")
    p.add_argument("--capacity", required=True, choices=["Plh.", "Plt.", "a.n.", "u.b."])
    p.add_argument("--from", dest="starts", required=True, help="start date YYYY-MM-DD")
    p.add_argument("--until", dest="ends", required=True, help="end date YYYY-MM-DD (inclusive)")
    p.add_argument("--reason", default="")
    p.set_defaults(func="eoffice.cli.letters_verbs:cmd_delegate")


def _event_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--event-date", metavar="YYYY-MM-DD",
                   help="berita acara: the day of the event it records (spelled out in 'Pada hari ini ...')")
    p.add_argument("--event-place", metavar="TEXT",
                   help="berita acara: where the event took place (default: the unit's city)")


def register_more(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("search", parents=[common], help="full-text search over the letters you can see")
    p.add_argument("query", nargs="?", default="", help="words (may be left out when a filter is given)")
    p.add_argument("--kind", help="jenis naskah, e.g. nota_dinas")
    p.add_argument("--status", help="e.g. draft, in_review, dispatched")
    p.add_argument("--unit", help="the creating unit's code")
    p.add_argument("--classification", choices=[c.value for c in Classification], help="sifat")
    p.add_argument("--urgency", choices=[u.value for u in Urgency])
    p.add_argument("--from", dest="date_from", help="created on or after YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", help="created on or before YYYY-MM-DD")
    p.set_defaults(func="eoffice.cli.read_verbs:cmd_search")
    p = sub.add_parser("forward", parents=[common], help="add a reviewer to your stage (when the route allows)")
    p.add_argument("id")
    p.add_argument("--to", required=True, help="the added reviewer (login or NIP)")
    p.set_defaults(func="eoffice.cli.letters_verbs:cmd_forward")
    p = sub.add_parser("comment", parents=[common], help="comment on a letter's route")
    p.add_argument("id")
    p.add_argument("text")
    p.set_defaults(func="eoffice.cli.letters_verbs:cmd_comment")
    p = sub.add_parser("overdue", parents=[common], help="steps past their deadline that you can see")
    p.add_argument("--remind", action="store_true", help="leave a reminder on each (at most one a day per step)")
    p.set_defaults(func="eoffice.cli.letters_verbs:cmd_overdue")
    num = sub.add_parser("numbering", parents=[common], help="letter number formats").add_subparsers(
        dest="action", required=True)
    p = num.add_parser("set", parents=[common], help="set a number format (admin)")
    p.add_argument("pattern", help="e.g. {kode}/{seq:04}/{unit}/{year}")
    p.add_argument("--unit")
    p.add_argument("--kind", choices=[k.value for k in DocKind])
    p.set_defaults(func="eoffice.cli.letters_verbs:cmd_numbering_set")
    p = sub.add_parser("diff", parents=[common], help="text changes between two versions of a letter")
    p.add_argument("id")
    p.add_argument("--old", type=int, help="older version (default: the one before the newest)")
    p.add_argument("--new", type=int, help="newer version (default: the newest)")
    p.set_defaults(func="eoffice.cli.letters_verbs:cmd_diff")
