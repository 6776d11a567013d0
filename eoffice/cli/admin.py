"""Verbs: init, demo, user, unit.

The parser only (light imports, so `--help` loads nothing heavy); admin_verbs.py is imported
when one of these verbs is chosen."""

from __future__ import annotations

import argparse

from eoffice.domain import UNIT_KINDS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="create or upgrade the database schema")
    p.set_defaults(func="eoffice.cli.admin_verbs:cmd_init")

    p = sub.add_parser("demo", parents=[common], help="seed the demo organisation (idempotent)")
    p.set_defaults(func="eoffice.cli.admin_verbs:cmd_demo")

    user = sub.add_parser("user", parents=[common], help="manage users").add_subparsers(dest="action", required=True)
    p = user.add_parser("add", parents=[common], help="add a user")
    p.add_argument("login")
    p.add_argument("--nip", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--unit", required=True, help="unit code")
    p.add_argument("--position", help="position (jabatan) code")
    p.add_argument("--admin", action="store_true", help="make the user an admin")
    p.set_defaults(func="eoffice.cli.admin_verbs:cmd_user_add")
    p = user.add_parser("list", parents=[common], help="list users")
    p.add_argument("--unit", help="only this unit")
    p.set_defaults(func="eoffice.cli.admin_verbs:cmd_user_list")
    p = user.add_parser("edit", parents=[common], help="change a user's profile, jabatan or active state")
    p.add_argument("login")
    p.add_argument("--name")
    p.add_argument("--nip", help="NIP, 18 digits")
    p.add_argument("--unit", help="unit code")
    p.add_argument("--nik", help="NIK, 16 digits (BSrE signing); '' clears it")
    p.add_argument("--gelar", help="academic titles after the name, e.g. 'S.T., M.Si.'")
    p.add_argument("--gelar-depan", help="titles before the name, e.g. 'Dr. H.'")
    p.add_argument("--pangkat", help="pangkat/golongan, e.g. 'Pembina (IV/a)'")
    p.add_argument("--position", help="position (jabatan) code; '' removes the jabatan")
    p.add_argument("--title", help="the title of the user's jabatan as printed on letters")
    p.add_argument("--active", choices=("yes", "no"))
    p.add_argument("--auditor", choices=("yes", "no"), help="may verify the whole audit trail (PostgreSQL)")
    p.set_defaults(func="eoffice.cli.admin_verbs:cmd_user_edit")
    p = user.add_parser("passwd", parents=[common], help="set a user's password (EOFFICE_NEW_PASSWORD)")
    p.add_argument("login")
    p.set_defaults(func="eoffice.cli.admin_verbs:cmd_user_passwd")

    unit = sub.add_parser("unit", parents=[common], help="manage units").add_subparsers(dest="action", required=True)
    p = unit.add_parser("add", parents=[common], help="add an organisation unit")
    p.add_argument("code")
    p.add_argument("--name", required=True)
    p.add_argument("--kind", required=True, choices=UNIT_KINDS)
    p.add_argument("--parent", help="parent unit code")
    p.add_argument("--address", default="")
    p.add_argument("--phone", default="")
    p.set_defaults(func="eoffice.cli.admin_verbs:cmd_unit_add")
    p = unit.add_parser("list", parents=[common], help="list units")
    p.set_defaults(func="eoffice.cli.admin_verbs:cmd_unit_list")
