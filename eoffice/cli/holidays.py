"""Verbs: holiday add|list|remove (the holiday calendar deadlines from sifat count working days over).

The parser only (light imports); holidays_verbs.py is imported when one of these verbs is chosen."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("holiday", parents=[common], help="the holiday calendar (national holidays, cuti bersama)")
    verbs = p.add_subparsers(dest="holiday_cmd", required=True)
    a = verbs.add_parser("add", parents=[common], help="add a day off (admin)")
    a.add_argument("day", help="YYYY-MM-DD")
    a.add_argument("name")
    a.add_argument("--kind", default="nasional", choices=["nasional", "cuti_bersama"])
    a.set_defaults(func="eoffice.cli.holidays_verbs:cmd_add")
    ls = verbs.add_parser("list", parents=[common], help="list the days off")
    ls.add_argument("--year", type=int)
    ls.set_defaults(func="eoffice.cli.holidays_verbs:cmd_list")
    rm = verbs.add_parser("remove", parents=[common], help="remove a day off (admin)")
    rm.add_argument("day", help="YYYY-MM-DD")
    rm.set_defaults(func="eoffice.cli.holidays_verbs:cmd_remove")
