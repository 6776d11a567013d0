"""Verb: sync (the local cache; DESIGN.md "Local cache and sync"). Today it pulls; the outbox comes next.

The parser only (light imports, so `--help` loads nothing heavy); sync_verbs.py is imported
when one of these verbs is chosen."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("sync", parents=[common], help="bring your local cache up to date with the database")
    p.add_argument("--once", action="store_true", help="one pull, then exit (default: every --interval seconds)")
    p.add_argument("--interval", type=int, default=60, help="seconds between pulls (default 60)")
    p.set_defaults(func="eoffice.cli.sync_verbs:cmd_sync")
