"""The letter body format: a small, safe, JSON-able block structure (see docs/body-format.md).

Deliberately not HTML: there is no way to express a link, an image, a script or a style beyond
bold/italic/underline, so a body can be rendered, diffed and searched without sanitising markup.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from eoffice.domain import BadInput

FORMAT_NAME = "eoffice-body"
FORMAT_VERSION = 1

# Limits keep a hostile or broken file from producing a 10,000-page PDF or exhausting memory.
MAX_BLOCKS = 5000
MAX_TEXT_CHARS = 1_000_000
MAX_TABLE_COLS = 12
MAX_TABLE_ROWS = 2000
MAX_LIST_ITEMS = 2000
MAX_FILE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Run:
    """A piece of text with one style. ``text`` may contain ``\\n`` (a line break)."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


Runs = tuple[Run, ...]


@dataclass(frozen=True)
class Paragraph:
    runs: Runs
    type: Literal["paragraph"] = "paragraph"


@dataclass(frozen=True)
class Heading:
    runs: Runs
    level: int = 1  # 1 or 2
    type: Literal["heading"] = "heading"


@dataclass(frozen=True)
class ListItem:
    runs: Runs
    sublist: ListBlock | None = None  # one nesting level only


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[ListItem, ...]
    type: Literal["list"] = "list"


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Runs, ...], ...]  # every row has the same number of cells
    header: bool = False  # first row is a header row
    type: Literal["table"] = "table"


Block = Paragraph | Heading | ListBlock | Table


@dataclass(frozen=True)
class Body:
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def is_empty(self) -> bool:
        return not body_to_plain_text(self).strip()


# ---------------------------------------------------------------- text hygiene

_ALLOWED_CONTROLS = {"\n", "\t"}


# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F; Cs the surrogates. Regexes, not a loop over
# characters: this runs on every run of text of every render.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Remove control characters and lone surrogates; normalise line ends. Never raises."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", text))


def _check_text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise BadInput(f"body: {where}: text must be a string, got {type(value).__name__}")
    for ch in value:
        cat = unicodedata.category(ch)
        if cat == "Cs" or (cat == "Cc" and ch not in _ALLOWED_CONTROLS and ch != "\r"):
            raise BadInput(f"body: {where}: control character U+{ord(ch):04X} is not allowed")
    return value.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------- JSON -> Body


class _Budget:
    """Counts blocks and characters across the whole body."""

    def __init__(self) -> None:
        self.blocks = 0
        self.chars = 0

    def block(self) -> None:
        self.blocks += 1
        if self.blocks > MAX_BLOCKS:
            raise BadInput(f"Isi naskah terlalu panjang: lebih dari {MAX_BLOCKS} blok")

    def text(self, n: int) -> None:
        self.chars += n
        if self.chars > MAX_TEXT_CHARS:
            raise BadInput(f"Isi naskah terlalu panjang: lebih dari {MAX_TEXT_CHARS:,} karakter".replace(",", "."))


def _obj(value: object, where: str, allowed: set[str], required: set[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise BadInput(f"body: {where}: expected an object, got {type(value).__name__}")
    unknown = sorted(str(k) for k in value if k not in allowed)
    if unknown:
        raise BadInput(f"body: {where}: unknown key {unknown[0]!r}")
    missing = sorted(required - set(value))
    if missing:
        raise BadInput(f"body: {where}: missing key {missing[0]!r}")
    return value


def _list(value: object, where: str) -> Sequence[Any]:
    if not isinstance(value, list):
        raise BadInput(f"body: {where}: expected a list, got {type(value).__name__}")
    return value


def _flag(obj: Mapping[str, Any], key: str, where: str) -> bool:
    value = obj.get(key, False)
    if not isinstance(value, bool):
        raise BadInput(f"body: {where}: {key!r} must be true or false")
    return value


def _runs(value: object, where: str, budget: _Budget) -> Runs:
    if isinstance(value, str):  # shorthand: one plain run
        text = _check_text(value, where)
        budget.text(len(text))
        return (Run(text),) if text else ()
    runs: list[Run] = []
    for i, raw in enumerate(_list(value, where)):
        w = f"{where}.runs[{i}]"
        if isinstance(raw, str):
            raw = {"text": raw}
        obj = _obj(raw, w, {"text", "bold", "italic", "underline"}, {"text"})
        text = _check_text(obj["text"], w)
        budget.text(len(text))
        if text:
            runs.append(Run(text, _flag(obj, "bold", w), _flag(obj, "italic", w), _flag(obj, "underline", w)))
    return tuple(runs)


def _list_block(value: object, where: str, budget: _Budget, depth: int) -> ListBlock:
    obj = _obj(value, where, {"type", "style", "items"}, {"style", "items"})
    style = obj["style"]
    if style not in ("ordered", "bullet"):
        raise BadInput(f"body: {where}: list style must be 'ordered' or 'bullet', got {style!r}")
    raw_items = _list(obj["items"], f"{where}.items")
    if len(raw_items) > MAX_LIST_ITEMS:
        raise BadInput(f"Isi naskah: {where}: daftar terlalu panjang (lebih dari {MAX_LIST_ITEMS} butir)")
    items: list[ListItem] = []
    for i, raw in enumerate(raw_items):
        w = f"{where}.items[{i}]"
        if isinstance(raw, str):
            raw = {"runs": raw}
        item = _obj(raw, w, {"runs", "sublist"}, {"runs"})
        sub = None
        if item.get("sublist") is not None:
            if depth >= 1:
                raise BadInput(f"body: {w}: lists may be nested one level only")
            sub = _list_block(item["sublist"], f"{w}.sublist", budget, depth + 1)
        items.append(ListItem(_runs(item["runs"], w, budget), sub))
    return ListBlock(style == "ordered", tuple(items))


def _table(obj: Mapping[str, Any], where: str, budget: _Budget) -> Table:
    header = _flag(obj, "header", where)
    raw_rows = _list(obj["rows"], f"{where}.rows")
    if not raw_rows:
        raise BadInput(f"body: {where}: a table needs at least one row")
    if len(raw_rows) > MAX_TABLE_ROWS:
        raise BadInput(f"Isi naskah: {where}: tabel terlalu panjang (lebih dari {MAX_TABLE_ROWS} baris)")
    rows: list[tuple[Runs, ...]] = []
    for r, raw_row in enumerate(raw_rows):
        cells = _list(raw_row, f"{where}.rows[{r}]")
        if not cells or len(cells) > MAX_TABLE_COLS:
            raise BadInput(f"body: {where}.rows[{r}]: a row needs 1 to {MAX_TABLE_COLS} cells")
        if rows and len(cells) != len(rows[0]):
            raise BadInput(f"body: {where}.rows[{r}]: has {len(cells)} cells, row 0 has {len(rows[0])}")
        row: list[Runs] = []
        for c, cell in enumerate(cells):
            w = f"{where}.rows[{r}][{c}]"
            if isinstance(cell, Mapping):
                cell = _obj(cell, w, {"runs"}, {"runs"})["runs"]
            row.append(_runs(cell, w, budget))
        rows.append(tuple(row))
    return Table(tuple(rows), header)


def _block(value: object, where: str, budget: _Budget) -> Block:
    budget.block()
    if not isinstance(value, Mapping) or "type" not in value:
        raise BadInput(f"body: {where}: a block must be an object with a 'type'")
    kind = value["type"]
    if kind == "paragraph":
        obj = _obj(value, where, {"type", "runs"}, {"runs"})
        return Paragraph(_runs(obj["runs"], where, budget))
    if kind == "heading":
        obj = _obj(value, where, {"type", "runs", "level"}, {"runs"})
        level = obj.get("level", 1)
        if level not in (1, 2) or isinstance(level, bool):
            raise BadInput(f"body: {where}: heading level must be 1 or 2")
        return Heading(_runs(obj["runs"], where, budget), int(level))
    if kind == "list":
        return _list_block(value, where, budget, 0)
    if kind == "table":
        return _table(_obj(value, where, {"type", "rows", "header"}, {"rows"}), where, budget)
    raise BadInput(f"body: {where}: unknown block type {kind!r}")


def parse_body_json(source: str | bytes | Mapping[str, Any] | list[Any]) -> Body:
    """Parse and strictly validate the JSON body format. A bare list is taken as the block list."""
    obj: object = source
    if isinstance(source, bytes):
        try:
            source = source.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadInput(f"body: not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    if isinstance(source, str):
        try:
            obj = json.loads(source)
        except json.JSONDecodeError as exc:
            raise BadInput(f"body: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
        except RecursionError:
            raise BadInput("body: JSON nested too deeply") from None
    if isinstance(obj, list):
        obj = {"blocks": obj}
    top = _obj(obj, "top level", {"format", "version", "blocks"}, {"blocks"})
    if top.get("format", FORMAT_NAME) != FORMAT_NAME:
        raise BadInput(f"body: format must be {FORMAT_NAME!r}, got {top.get('format')!r}")
    if top.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        raise BadInput(
            f"body: unsupported version {top.get('version')!r} (this program reads {FORMAT_VERSION})"
        )
    budget = _Budget()
    blocks = _list(top["blocks"], "blocks")
    return Body(tuple(_block(b, f"blocks[{i}]", budget) for i, b in enumerate(blocks)))


# ---------------------------------------------------------------- Body -> JSON


def _runs_json(runs: Runs) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for run in runs:
        d: dict[str, Any] = {"text": run.text}
        for flag in ("bold", "italic", "underline"):
            if getattr(run, flag):
                d[flag] = True
        out.append(d)
    return out


def _list_json(block: ListBlock) -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    for item in block.items:
        d: dict[str, Any] = {"runs": _runs_json(item.runs)}
        if item.sublist is not None:
            d["sublist"] = _list_json(item.sublist)
        items.append(d)
    return {"type": "list", "style": "ordered" if block.ordered else "bullet", "items": items}


def body_to_obj(body: Body) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = []
    for b in body.blocks:
        if isinstance(b, Paragraph):
            blocks.append({"type": "paragraph", "runs": _runs_json(b.runs)})
        elif isinstance(b, Heading):
            blocks.append({"type": "heading", "level": b.level, "runs": _runs_json(b.runs)})
        elif isinstance(b, ListBlock):
            blocks.append(_list_json(b))
        else:
            rows = [[{"runs": _runs_json(c)} for c in row] for row in b.rows]
            blocks.append({"type": "table", "header": b.header, "rows": rows})
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "blocks": blocks}


def body_to_json(body: Body) -> str:
    """Canonical JSON (sorted keys, UTF-8 text kept) so equal bodies give equal strings."""
    return json.dumps(body_to_obj(body), ensure_ascii=False, sort_keys=True, indent=1)


# ---------------------------------------------------------------- plain text


def runs_text(runs: Runs) -> str:
    return "".join(r.text for r in runs)


def _list_lines(block: ListBlock, indent: str) -> list[str]:
    lines: list[str] = []
    for n, item in enumerate(block.items, 1):
        marker = (f"{n}." if not indent else f"{chr(ord('a') + (n - 1) % 26)}.") if block.ordered else "-"
        lines.append(f"{indent}{marker} {runs_text(item.runs)}")
        if item.sublist is not None:
            lines.extend(_list_lines(item.sublist, indent + "   "))
    return lines


def body_to_plain_text(body: Body) -> str:
    """Readable plain text for search and diff: blocks separated by a blank line."""
    parts: list[str] = []
    for b in body.blocks:
        if isinstance(b, Paragraph | Heading):
            parts.append(runs_text(b.runs))
        elif isinstance(b, ListBlock):
            parts.append("\n".join(_list_lines(b, "")))
        else:
            parts.append("\n".join(" | ".join(runs_text(c) for c in row) for row in b.rows))
    return "\n\n".join(parts)


def plain_body(text: str) -> Body:
    """A body of plain paragraphs (split on blank lines), no markup interpreted."""
    paras = [p.strip() for p in clean_text(text).split("\n\n")]
    return Body(tuple(Paragraph((Run(p),)) for p in paras if p))


# ---------------------------------------------------------------- files


def parse_markdown(text: str) -> Body:
    """Parse the Markdown subset described in docs/body-format.md."""
    from eoffice.documents.markdown import parse_markdown as _parse
    from eoffice.validate import check_text

    # Refused, not silently dropped: a NUL or an escape sequence in a body is a mistake or an attack.
    return _parse(check_text(text, "Isi naskah"))


def parse_body_file(path: str | Path) -> Body:
    """Read a body from ``.json`` (body format) or ``.md``/``.markdown``/``.txt`` (Markdown subset)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".json", ".md", ".markdown", ".txt"):
        raise BadInput(
            f"body file {p.name}: unsupported extension {suffix or '(none)'}; use .json, .md or .txt"
        )
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BadInput(f"body file {p.name}: {size} bytes is over the {MAX_FILE_BYTES} byte limit")
        data = p.read_bytes()
    except OSError as exc:
        raise BadInput(f"body file {p}: cannot read ({exc.strerror})") from None
    if suffix == ".json":
        return parse_body_json(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput(f"body file {p.name}: not valid UTF-8 text") from None
    return parse_markdown(text)
