"""Verbs: sync (push the outbox, then pull into the local cache; DESIGN.md "Local cache and sync") and outbox.

The parser only (light imports, so `--help` loads nothing heavy); sync_verbs.py is imported
when one of these verbs is chosen."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("sync", parents=[common],
                       help="send the commands made offline, then bring your local cache up to date")
    p.add_argument("--once", action="store_true", help="one push and pull, then exit (default: every --interval s)")
    p.add_argument("--interval", type=int, default=60, help="seconds between syncs (default 60)")
    p.set_defaults(func="eoffice.cli.sync_verbs:cmd_sync")
    box = sub.add_parser("outbox", parents=[common], help="the commands made offline").add_subparsers(
        dest="action", required=True)
    p = box.add_parser("list", parents=[common], help="every queued command: status, reason, what and when")
    p.set_defaults(func="eoffice.cli.sync_verbs:cmd_outbox_list")
    for verb, text in (("retry", "push a waiting or blocked command again at the next sync"),
                       ("discard", "give a command up (kept in the list as discarded, never pushed)")):
        p = box.add_parser(verb, parents=[common], help=text)
        p.add_argument("action_id", metavar="ACTION_ID")
        p.set_defaults(func=f"eoffice.cli.sync_verbs:cmd_outbox_{verb}")
