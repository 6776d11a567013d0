"""Architecture rules that must fail loudly when broken (DESIGN.md: layers)."""

from __future__ import annotations

import ast
from pathlib import Path

import eoffice

PACKAGE = Path(eoffice.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _modules(exclude: str | None = None) -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if exclude is None or exclude not in p.relative_to(PACKAGE).parts]


def test_only_ui_imports_pyside6() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in _modules(exclude="ui")
        if any(name.split(".")[0] == "PySide6" for name in _imports(p))
    ]
    assert offenders == []


def test_the_ui_never_touches_sql_or_pyhanko() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in (PACKAGE / "ui").rglob("*.py")
        if any(name.split(".")[0] in {"sqlalchemy", "pyhanko", "psycopg"} for name in _imports(p))
    ]
    assert offenders == []


def test_workflow_engine_is_pure() -> None:
    forbidden = {"sqlalchemy", "PySide6", "psycopg", "pyhanko", "reportlab"}
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in (PACKAGE / "workflow").rglob("*.py")
        if any(name.split(".")[0] in forbidden for name in _imports(p))
    ]
    assert offenders == []


def test_modules_stay_small() -> None:
    sizes = {str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines()) for p in _modules()}
    too_big = {name: n for name, n in sizes.items() if n > 500 and "migrations" not in name}
    assert too_big == {}


def test_schema_head_constant_matches_the_migrations() -> None:
    from eoffice.store import migrate, schema

    assert migrate.head_revision() == schema.HEAD


# The front doors (DESIGN.md "Layers"): ui/ and cli/ call only eoffice/app. What they may still take from the
# services are value types (the arguments they build), never a use case.
VALUE_TYPES = {"Draft", "Head", "Incoming", "DRAFT_STATUSES", "Cursor", "cursor", "Actor", "DEMO_PASSWORD", "ca_dir",
               "FormatInfo", "PositionInfo", "UnitInfo", "UserInfo", "LetterRow", "InboxItem", "Outcome", "Signed"}


def _import_nodes(path: Path) -> list[ast.Import | ast.ImportFrom]:
    return [n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(n, ast.Import | ast.ImportFrom)]


def _front_door_offences(door: str, other: str) -> list[str]:
    found = []
    for p in (PACKAGE / door).rglob("*.py"):
        if door == "cli" and p.name == "__init__.py":
            continue  # the `eoffice` launcher: no arguments start the desktop app
        where = str(p.relative_to(PACKAGE))
        for node in _import_nodes(p):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for m in modules:
                if m.startswith(("eoffice.store", f"eoffice.{other}")):
                    found.append(f"{where}: {m}")
                if m == "eoffice.services" or (isinstance(node, ast.Import) and m.startswith("eoffice.services")):
                    found.append(f"{where}: {m}")
                if isinstance(node, ast.ImportFrom) and m.startswith("eoffice.services."):
                    found += [f"{where}: {m}.{a.name}" for a in node.names if a.name not in VALUE_TYPES]
    return found


def test_the_ui_calls_only_the_front_door() -> None:
    assert _front_door_offences("ui", "cli") == []


def test_the_cli_calls_only_the_front_door() -> None:
    assert _front_door_offences("cli", "ui") == []


def test_every_command_has_exactly_one_handler() -> None:
    from eoffice.app import bus, commands

    bus.handler_for(commands.MarkRead(document_id="x"))  # imports the handlers
    assert set(commands.COMMANDS.values()) == set(bus.HANDLERS)


def test_a_command_survives_canonical_json() -> None:
    import datetime as dt

    from eoffice.app import commands as c

    cmd = c.RegisterIncoming(sender="Kementerian", number="1/2026", subject="Hal", letter_date=dt.date(2026, 11, 2),
                             addressed_to="gubernur", scan=c.File("s.pdf", b"%PDF-\x00\xff"))
    again = c.Command.from_json(cmd.to_json())
    assert again == cmd and again.to_json() == cmd.to_json()
    assert c.Command.from_json(c.Dispose(document_id="d", to=("a",), instructions=("b",)).to_json()).to == ("a",)


def test_the_desktop_door_is_what_the_ui_protocol_asks_for() -> None:
    """ui/front.py: Front (the screens' typed view of the core) and app/desktop.py: Desktop agree, name for
    name and parameter for parameter."""
    import inspect

    from eoffice.app.desktop import Desktop
    from eoffice.ui.front import Front

    members = [n for n in vars(Front) if not n.startswith("_")]
    assert len(members) > 50
    for name in members:
        if isinstance(getattr(Front, name), property) and name not in vars(Desktop) and name != "label":
            continue  # an instance attribute, set in Session.__init__
        assert hasattr(Desktop, name), name
        wanted = getattr(Front, name)
        if callable(wanted) and not isinstance(wanted, property):
            got = inspect.signature(getattr(Desktop, name)).parameters
            assert list(got) == list(inspect.signature(wanted).parameters), name
