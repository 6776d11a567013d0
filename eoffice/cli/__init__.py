"""The `eoffice` command: no arguments (or `app`) starts the desktop app, anything else is a verb.

Import-light on purpose: the desktop start must not pay for the verbs' imports (SQLAlchemy, argparse
trees); the app loads the core on a worker thread while the login dialog is on screen.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args == ["app"]:
        from eoffice.ui.app import run_app  # only the desktop path imports Qt

        return run_app([])
    from eoffice.cli.commands import main as run_verb

    return run_verb(args)
