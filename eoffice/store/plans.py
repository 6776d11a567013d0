"""Constants written into a statement's text, not bound as parameters, where its plan depends on them.

psycopg prepares a statement run five times on a connection; PostgreSQL then reuses one generic plan unless
that plan looks costlier than planning for the values given. With a status, a direction or a page's LIMIT
bound as a parameter, the generic plan cannot know that 'in' or 'pending' is rare, or how many rows are
wanted, so the server plans the statement again at every call; under row-level security, planning the
policies costs 1-2 ms a statement, more than running it (bench/RESULTS.md, "Plans"). Written into the text,
the constant keeps the generic plan good. Values that vary per user or letter (ids) stay parameters."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import literal
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import ColumnElement


def fixed(value: str | int) -> ColumnElement[Any]:
    """*value* as a literal in the statement (rendered by its type's literal processor: quoted, escaped)."""
    return literal(value, literal_execute=True)


def fixed_in(column: InstrumentedAttribute[str] | ColumnElement[str], values: Iterable[str]) -> ColumnElement[bool]:
    return column.in_([fixed(v) for v in sorted(values)])
