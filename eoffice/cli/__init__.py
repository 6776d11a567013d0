"""The `eoffice` command: no arguments (or `app`) starts the desktop app, anything else is a verb.

Import-light on purpose: the desktop start must not pay for the verbs' imports (SQLAlchemy, argparse
trees); the app loads the core on a worker thread while the login dialog is on screen.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def desktop_language(args: list[str]) -> tuple[str | None, list[str]]:
    """``--lang en`` / ``--lang=en`` (the desktop app's language) and the other arguments."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1], args[:i] + args[i + 2:]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1], args[:i] + args[i + 1:]
    return None, args


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    language, app_args = desktop_language(args)
    if not app_args or app_args == ["app"]:
        from eoffice.ui.app import run_app  # only the desktop path imports Qt

        return run_app([], language=language)
    from eoffice.cli.commands import main as run_verb

    return run_verb(args)
