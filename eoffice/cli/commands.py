"""The `eoffice` command line verbs. Exit codes: 0 ok, 1 refused for a domain reason, 2 bad input or unreachable
resource, 3 internal error (a bug: the traceback goes to the log file, never to the terminal)."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING

from eoffice import __version__
from eoffice.cli import admin, holidays, incoming, keys, letters, sync, web
from eoffice.cli.options import Parser, UsageError, add_global_options

if TYPE_CHECKING:
    from eoffice.cli.context import Ctx

log = logging.getLogger("eoffice")


def build_parser() -> argparse.ArgumentParser:
    common = Parser(add_help=False)
    add_global_options(common)
    parser = Parser(prog="eoffice", description="e-Office: naskah dinas, paraf, TTE, disposisi")
    add_global_options(parser)
    parser.add_argument("--version", action="version", version=f"eoffice {__version__}")
    sub: argparse._SubParsersAction[argparse.ArgumentParser] = parser.add_subparsers(
        dest="command", parser_class=Parser
    )
    for module in (admin, letters, incoming, keys, sync, holidays, web):
        module.register(sub, common)
    letters.register_more(sub, common)
    return parser


_SECRETS: list[str | None] = []  # passwords this run was given: never printed


def _fail(message: str, code: int) -> int:
    # One line whatever the input held (eoffice/validate.py: printable), and never a password.
    from eoffice.domain import scrub
    from eoffice.validate import printable

    sys.stderr.write(f"eoffice: {printable(scrub(message, *_SECRETS), one_line=True)}\n")
    return code


def _db_argument(args_list: Sequence[str]) -> str | None:
    for n, arg in enumerate(args_list):
        if arg == "--db" and n + 1 < len(args_list):
            return args_list[n + 1]
        if arg.startswith("--db="):
            return arg[5:]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    from eoffice.domain import url_password

    args_list = list(sys.argv[1:] if argv is None else argv)
    in_args = url_password(_db_argument(args_list))
    _SECRETS[:] = [in_args, url_password(os.environ.get("EOFFICE_DB")), os.environ.get("EOFFICE_PASSWORD")]
    if in_args:
        # Warned, not refused: by now it is already visible, and old scripts keep working (docs/admin-guide.md).
        sys.stderr.write("eoffice: peringatan: kata sandi di --db terbaca oleh pengguna lain komputer ini (daftar "
                         "proses); pakai EOFFICE_PASSWORD, berkas pgpass atau EOFFICE_DB\n")
    parser = build_parser()
    from eoffice.cli.safe_io import check_invocation, log_to_file, safe_stdout
    from eoffice.domain import EofficeError

    try:
        check_invocation(args_list)
    except EofficeError as exc:
        return _fail(f"error: {exc}", 2)
    try:
        args = parser.parse_args(args_list)
    except UsageError as exc:
        return _fail(f"error: {exc}", 2)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    # Only now the chosen verb's module (and what it needs: SQLAlchemy, the services) is imported.
    from sqlalchemy.exc import DBAPIError, OperationalError

    from eoffice.cli.context import Ctx, Finished
    from eoffice.domain import first_line

    ctx = Ctx(args)
    try:
        module, name = func.split(":")
        log_to_file(ctx.home)
        with safe_stdout():
            code: int = getattr(importlib.import_module(module), name)(ctx)
        return code
    except Finished as done:
        return done.code
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
    from eoffice.profile import private_file

    try:
        path = private_file(ctx.home / "logs" / "eoffice.log")  # a traceback may name what the user saw
        with path.open("a", encoding="utf-8") as fh:
            fh.write(traceback.format_exc())
        return str(path)
    except OSError:
        return "(log tidak dapat ditulis)"


if __name__ == "__main__":
    raise SystemExit(main())
