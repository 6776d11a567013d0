"""Hostile input, checked the same way at every front door (CLI, desktop, services).

Text: invalid UTF-8 (lone surrogates, which is how Python hands over undecodable argv, environment and file
bytes), NUL and other control characters are refused, never silently dropped. Single-line fields (subject,
names, numbers) allow none; multi-line ones (notes, bodies) allow newline and tab. Dates stay within bounds
any date arithmetic survives. YAML is bounded in size, depth and nodes with aliases expanded (no "billion
laughs"). No I/O beyond reading a file the user named.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eoffice.domain import BadInput

if TYPE_CHECKING:
    import yaml

# Letter dates, event days, delegations, deadlines: far enough for any archive, near enough that adding a
# day or converting a time zone never overflows.
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)
MAX_YAML_BYTES = 1024 * 1024
MAX_YAML_DEPTH = 32
MAX_YAML_NODES = 100_000
# Characters that reorder the text shown around them (a "Trojan source" subject); never in a single line.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_MULTILINE_CONTROLS = frozenset("\n\t")


def _bad_char(ch: str, multiline: bool) -> bool:
    if multiline and ch in _MULTILINE_CONTROLS:
        return False
    cat = unicodedata.category(ch)
    return cat in ("Cc", "Cs") or (not multiline and (ch in _BIDI_CONTROLS or cat in ("Zl", "Zp")))


def _describe(ch: str) -> str:
    if unicodedata.category(ch) == "Cs":
        return "teks bukan UTF-8 yang valid"
    return f"karakter kendali U+{ord(ch):04X} tidak diperbolehkan"


def check_line(value: str, what: str, *, max_len: int | None = None) -> str:
    """A single-line field: no control characters at all; surrounding blanks stripped."""
    return _check(value, what, multiline=False, max_len=max_len).strip()


def check_text(value: str, what: str, *, max_len: int | None = None) -> str:
    """Multi-line text (a note, an instruction): newline and tab allowed, CR/LF normalised to LF."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _check(value, what, multiline=True, max_len=max_len)


def _check(value: str, what: str, *, multiline: bool, max_len: int | None) -> str:
    if not isinstance(value, str):
        raise BadInput(f"{what}: harus berupa teks")
    for ch in value:
        if _bad_char(ch, multiline):
            raise BadInput(f"{what}: {_describe(ch)}")
    if max_len is not None and len(value) > max_len:
        raise BadInput(f"{what} terlalu panjang (maks. {max_len} karakter)")
    return value


def check_strings(value: Any, what: str, *, depth: int = 0) -> None:
    """Every text inside a JSON-like value (a letter's kind-specific parts) as multi-line text."""
    if depth > MAX_YAML_DEPTH:
        raise BadInput(f"{what}: bersarang terlalu dalam")
    if isinstance(value, str):
        check_text(value, what)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            check_strings(key, what, depth=depth + 1)
            check_strings(item, f"{what} {key}" if isinstance(key, str) and key.isidentifier() else what,
                          depth=depth + 1)
    elif isinstance(value, (list, tuple)):
        for item in value:
            check_strings(item, what, depth=depth + 1)


def check_args(args: Iterable[str]) -> None:
    """Command-line arguments: valid UTF-8 and no control characters other than newline and tab."""
    prev = ""
    for n, arg in enumerate(args, 1):
        if arg.startswith("--") and "=" in arg:
            name = arg.split("=", 1)[0]
        else:
            name = prev if prev.startswith("--") and "=" not in prev else f"argumen ke-{n}"
        _check(name, f"argumen ke-{n}", multiline=False, max_len=None)
        _check(arg, name, multiline=True, max_len=None)
        prev = arg


def check_environment(env: Mapping[str, str], prefix: str = "EOFFICE_") -> None:
    for name, value in env.items():
        if name.startswith(prefix):
            _check(value, f"variabel lingkungan {name}", multiline=False, max_len=None)


def check_date(value: dt.date, what: str) -> dt.date:
    day = value.date() if isinstance(value, dt.datetime) else value
    if not MIN_DATE <= day <= MAX_DATE:
        raise BadInput(f"{what} di luar rentang yang diterima ({MIN_DATE.year}-{MAX_DATE.year}): {day.isoformat()}")
    return value


def parse_date(text: str, what: str) -> dt.date:
    """YYYY-MM-DD, within bounds."""
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(f"{what} tidak valid: {printable(text, one_line=True)!r} (format YYYY-MM-DD)") from None
    return check_date(day, what)


# ---------------------------------------------------------------- files


def read_text(path: Path, max_bytes: int = MAX_YAML_BYTES) -> str:
    """A small input file as text: readable, within ``max_bytes``, valid UTF-8 (a BOM is dropped)."""
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise BadInput(f"{path}: tidak dapat dibaca ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise BadInput(f"{path}: lebih dari {max_bytes // 1024} KiB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path}: bukan teks UTF-8 yang valid (bita ke-{exc.start})") from None


# ---------------------------------------------------------------- YAML


def load_yaml(text: str, what: str) -> Any:
    """``yaml.safe_load`` without its dangers: size and nesting bounded, and the node count bounded *with
    aliases expanded*, so a 300-byte alias bomb ("billion laughs") is refused before anything is built,
    while the odd alias PyYAML itself writes for a repeated list still loads. JSON is YAML: reads both."""
    if len(text) > MAX_YAML_BYTES:
        raise BadInput(f"{what}: lebih dari {MAX_YAML_BYTES // 1024} KiB")
    _check(text, what, multiline=True, max_len=None)
    import yaml  # here, not above: every CLI start checks its arguments with this module

    try:
        _bounded(yaml.parse(text, Loader=yaml.SafeLoader), what)
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (baris {mark.line + 1})" if mark is not None else ""
        raise BadInput(f"{what}: bukan YAML/JSON yang valid{where}") from None
    except ValueError as exc:  # YAML's own date reading: 2026-13-01 looks like a date but is none
        raise BadInput(f"{what}: tanggal tidak valid ({exc}; format YYYY-MM-DD)") from None


def _bounded(events: Iterable[yaml.Event], what: str) -> None:
    import yaml

    sizes: dict[str, int] = {}  # anchor -> its nodes once expanded
    open_: list[tuple[str | None, int]] = []  # collections being read: (anchor, nodes before it)
    nodes = 0
    for event in events:
        if isinstance(event, yaml.AliasEvent):
            nodes += sizes.get(str(event.anchor), 1)
        elif isinstance(event, yaml.CollectionStartEvent):
            open_.append((event.anchor, nodes))
            nodes += 1
            if len(open_) > MAX_YAML_DEPTH:
                raise BadInput(f"{what}: bersarang terlalu dalam (maks. {MAX_YAML_DEPTH} tingkat)")
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, before = open_.pop()
            if anchor is not None:
                sizes[anchor] = nodes - before
        elif isinstance(event, yaml.ScalarEvent):
            nodes += 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
        if nodes > MAX_YAML_NODES:
            raise BadInput(f"{what}: terlalu banyak unsur setelah alias diuraikan (maks. {MAX_YAML_NODES})")


def load_json(text: str, what: str) -> Any:
    """``json.loads`` bounded in size; nesting too deep for the parser is bad input, not a crash."""
    if len(text) > MAX_YAML_BYTES:
        raise BadInput(f"{what}: lebih dari {MAX_YAML_BYTES // 1024} KiB")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{what}: bukan JSON yang valid (baris {exc.lineno} kolom {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise BadInput(f"{what}: JSON bersarang terlalu dalam") from None


# ---------------------------------------------------------------- output


def _escape(ch: str) -> str:
    return repr(ch)[1:-1] if ord(ch) < 0x100 else f"<U+{ord(ch):04X}>"


def _unsafe_on_terminal(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat in ("Cc", "Cs", "Zl", "Zp") or ch in _BIDI_CONTROLS


def printable(text: str, *, one_line: bool = False) -> str:
    """What may reach a terminal: escape sequences, BEL, CR, C1 controls, bidi overrides and invalid UTF-8
    shown as visible escapes, so a hostile subject cannot drive another user's terminal. Newline and tab
    are kept unless ``one_line``."""
    keep = frozenset() if one_line else _MULTILINE_CONTROLS
    if text.isprintable() and not any(ch in _BIDI_CONTROLS for ch in text):
        return text
    return "".join(_escape(ch) if ch not in keep and _unsafe_on_terminal(ch) else ch for ch in text)
