"""The CLI's global options and argparse behaviour: light (argparse only), for building the parser."""

from __future__ import annotations

import argparse
from typing import NoReturn


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """argparse that reports one line and exits 2 through our handler, never sys.exit mid-way."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (lihat '{self.prog} --help')")


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """On the main parser and on every verb; SUPPRESS so a verb's default never hides the main one."""
    parser.add_argument("--db", default=argparse.SUPPRESS, help="database URL (env EOFFICE_DB)")
    parser.add_argument("--home", default=argparse.SUPPRESS, help="profile dir: keys, cache (env EOFFICE_HOME)")
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")
    parser.add_argument("--user", default=argparse.SUPPRESS, help="act as this user (NIP or login)")
