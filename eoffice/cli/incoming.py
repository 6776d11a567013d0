"""Verbs: incoming register, dispose, disposition (tree|read|done).

The parser only (light imports, so `--help` loads nothing heavy); incoming_verbs.py is imported
when one of these verbs is chosen."""

from __future__ import annotations

import argparse
from pathlib import Path

from eoffice.domain import INSTRUCTIONS, Classification, Urgency


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    inc = sub.add_parser("incoming", parents=[common], help="naskah masuk").add_subparsers(dest="action",
                                                                                         required=True)
    p = inc.add_parser("register", parents=[common], help="register a scanned incoming letter (PDF)")
    p.add_argument("file", type=Path)
    p.add_argument("--from", dest="sender", required=True, help="pengirim")
    p.add_argument("--number", required=True, help="the sender's letter number")
    p.add_argument("--subject", required=True)
    p.add_argument("--date", required=True, help="letter date YYYY-MM-DD")
    p.add_argument("--to", required=True, help="the leader it is addressed to (login or NIP)")
    p.add_argument("--urgency", default="biasa", choices=[u.value for u in Urgency])
    p.add_argument("--classification", default="biasa", choices=[c.value for c in Classification])
    p.set_defaults(func="eoffice.cli.incoming_verbs:cmd_register")
    p = sub.add_parser("dispose", parents=[common], help="write a disposisi to subordinates")
    p.add_argument("id")
    p.add_argument("--to", action="append", required=True)
    p.add_argument("--instruct", action="append", required=True, choices=sorted(INSTRUCTIONS))
    p.add_argument("--note", default="")
    p.add_argument("--deadline", help="YYYY-MM-DD")
    p.set_defaults(func="eoffice.cli.incoming_verbs:cmd_dispose")
    disp = sub.add_parser("disposition", parents=[common], help="disposisi").add_subparsers(dest="action",
                                                                                          required=True)
    p = disp.add_parser("tree", parents=[common], help="show the disposisi tree of a letter")
    p.add_argument("id")
    p.set_defaults(func="eoffice.cli.incoming_verbs:cmd_tree")
    p = disp.add_parser("sheet", parents=[common], help="write the lembar disposisi (PDF) of an incoming letter")
    p.add_argument("id")
    p.add_argument("out", type=Path)
    p.set_defaults(func="eoffice.cli.incoming_verbs:cmd_sheet")
    p = disp.add_parser("read", parents=[common], help="mark your disposisi read")
    p.add_argument("id")
    p.set_defaults(func="eoffice.cli.incoming_verbs:cmd_read")
    p = disp.add_parser("done", parents=[common], help="report your disposisi done")
    p.add_argument("id")
    p.add_argument("--report", required=True)
    p.set_defaults(func="eoffice.cli.incoming_verbs:cmd_done")
