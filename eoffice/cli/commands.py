"""The `eoffice` command line verbs. Exit codes: 0 ok, 1 refused for a domain reason, 2 bad input or unreachable
resource, 3 internal error (a bug: the traceback goes to the log file, never to the terminal)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn

from sqlalchemy.exc import DBAPIError, OperationalError

from eoffice import __version__
from eoffice.cli import admin, incoming, keys, letters, sync, web
from eoffice.cli.context import Ctx, add_global_options
from eoffice.domain import EofficeError
from eoffice.store.db import first_line

log = logging.getLogger("eoffice")


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """argparse that reports one line and exits 2 through our handler, never sys.exit mid-way."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (lihat '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    common = Parser(add_help=False)
    add_global_options(common)
    parser = Parser(prog="eoffice", description="e-Office: naskah dinas, paraf, TTE, disposisi")
    add_global_options(parser)
    parser.add_argument("--version", action="version", version=f"eoffice {__version__}")
    sub: argparse._SubParsersAction[argparse.ArgumentParser] = parser.add_subparsers(
        dest="command", parser_class=Parser
    )
    for module in (admin, letters, incoming, keys, sync, web):
        module.register(sub, common)
    letters.register_more(sub, common)
    return parser


def _fail(message: str, code: int) -> int:
    # One line whatever the input held: control characters (also the ones str.splitlines() breaks on)
    # are shown escaped.
    line = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message)
    sys.stderr.write(f"eoffice: {line}\n")
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except UsageError as exc:
        return _fail(f"error: {exc}", 2)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    ctx = Ctx(args)
    try:
        code: int = func(ctx)
        return code
    except EofficeError as exc:
        return _fail(f"error: {first_line(exc)}", exc.exit_code)
    except OperationalError as exc:
        return _fail(f"error: database tidak dapat dihubungi: {first_line(exc)}", 2)
    except DBAPIError as exc:
        return _fail(f"error: database menolak: {first_line(exc)}", 2)
    except KeyboardInterrupt:
        return _fail("dibatalkan", 130)
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - last line of defence: one line to the user, details to the log
        path = _log_crash(ctx)
        return _fail(f"internal error: {type(exc).__name__}: {exc} (detail: {path})", 3)
    finally:
        ctx.close()


def _log_crash(ctx: Ctx) -> str:
    try:
        logdir = ctx.home / "logs"
        logdir.mkdir(parents=True, exist_ok=True)
        path = logdir / "eoffice.log"
        with path.open("a", encoding="utf-8") as fh:
            fh.write(traceback.format_exc())
        return str(path)
    except OSError:
        return "(log tidak dapat ditulis)"


if __name__ == "__main__":
    raise SystemExit(main())
