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
    too_big = {name: n for name, n in sizes.items() if n > 700 and "migrations" not in name}
    assert too_big == {}


def test_schema_head_constant_matches_the_migrations() -> None:
    from eoffice.store import migrate, schema

    assert migrate.head_revision() == schema.HEAD
