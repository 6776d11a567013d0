"""A small Markdown subset -> Body. Anything it does not know stays literal text (never an error).

Supported: paragraphs (blank-line separated), ``#``/``##`` headings, ``**bold**``, ``*italic*``,
``__underline__``, ``\\`` escapes, ``1.``/``1)`` ordered and ``-``/``*``/``+`` bullet lists with one
nested level (indent by 2+ spaces), and pipe tables (``| a | b |`` with an optional ``|---|`` header rule).
"""

from __future__ import annotations

import re

from eoffice.documents.body import (
    MAX_BLOCKS,
    MAX_TABLE_COLS,
    Block,
    Body,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Run,
    Runs,
    Table,
    clean_text,
)
from eoffice.domain import BadInput

_ORDERED = re.compile(r"^(\s*)(\d{1,3})[.)]\s+(.*)$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_HEADING = re.compile(r"^(#{1,2})\s+(.*?)\s*#*\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TOKEN = re.compile(r"\\[\\*_|#`-]|\*\*|__|\*")


# ---------------------------------------------------------------- inline


def parse_inline(text: str) -> Runs:
    """Split ``text`` into styled runs. Unpaired markers are kept as literal characters."""
    tokens: list[tuple[str, str]] = []  # (kind, text): kind is "text" or a marker
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            tokens.append(("text", text[pos : m.start()]))
        tok = m.group(0)
        tokens.append(("text", tok[1]) if tok.startswith("\\") else (tok, tok))
        pos = m.end()
    if pos < len(text):
        tokens.append(("text", text[pos:]))
    # Pair each marker with the next identical unpaired marker; the rest become literal.
    paired: set[int] = set()
    for i, (kind, _) in enumerate(tokens):
        if kind == "text" or i in paired:
            continue
        for j in range(i + 1, len(tokens)):
            if tokens[j][0] == kind and j not in paired:
                paired.update((i, j))
                break
    flags = {"**": False, "*": False, "__": False}
    runs: list[Run] = []
    for i, (kind, tok) in enumerate(tokens):
        if i in paired:
            flags[kind] = not flags[kind]
            continue
        style = (flags["**"], flags["*"], flags["__"])
        if runs and (runs[-1].bold, runs[-1].italic, runs[-1].underline) == style:
            runs[-1] = Run(runs[-1].text + tok, *style)
        else:
            runs.append(Run(tok, *style))
    return tuple(r for r in runs if r.text)


# ---------------------------------------------------------------- blocks


def _indent(s: str) -> int:
    return len(s.expandtabs(4)) - len(s.expandtabs(4).lstrip(" "))


def _split_row(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells = re.split(r"(?<!\\)\|", s)
    return [c.strip() for c in cells]


def _table(lines: list[str]) -> Table | Paragraph:
    header = len(lines) > 1 and bool(_TABLE_RULE.match(lines[1]))
    raw = [lines[0]] + lines[2:] if header else lines
    rows = [_split_row(x) for x in raw if not _TABLE_RULE.match(x)]
    if not rows:  # only rule lines ("|--"): not a table, keep the text
        return Paragraph(parse_inline(" ".join(x.strip() for x in lines)))
    width = min(max(len(r) for r in rows), MAX_TABLE_COLS)
    # Short rows are padded and long rows clipped: Markdown tables are forgiving, the body format is not.
    fixed = [tuple(parse_inline(c) for c in (r + [""] * width)[:width]) for r in rows]
    return Table(tuple(fixed), header)


class _ListBuilder:
    def __init__(self, ordered: bool, base_indent: int) -> None:
        self.ordered = ordered
        self.base = base_indent
        self.items: list[tuple[str, list[tuple[bool, str]]]] = []  # (text, [(ordered, subtext)])
        self.sub_ordered: bool | None = None

    def build(self) -> ListBlock:
        items: list[ListItem] = []
        for text, subs in self.items:
            sub = None
            if subs:
                sub = ListBlock(subs[0][0], tuple(ListItem(parse_inline(t)) for _, t in subs))
            items.append(ListItem(parse_inline(text), sub))
        return ListBlock(self.ordered, tuple(items))


def _list_match(line: str) -> tuple[int, bool, str] | None:
    m = _ORDERED.match(line)
    if m:
        return _indent(m.group(1)), True, m.group(3)
    m = _BULLET.match(line)
    if m and not _TABLE_RULE.match(line) and not re.match(r"^\s*(\*\s*){3,}$", line):
        return _indent(m.group(1)), False, m.group(2)
    return None


def parse_markdown(text: str) -> Body:
    """Parse the Markdown subset. Only size limits raise BadInput; odd syntax stays literal."""
    lines = clean_text(text).split("\n")
    blocks: list[Block] = []
    para: list[str] = []
    i = 0

    def flush_para() -> None:
        if para:
            blocks.append(Paragraph(parse_inline(" ".join(s.strip() for s in para))))
            para.clear()

    while i < len(lines):
        line = lines[i]
        if len(blocks) > MAX_BLOCKS:
            raise BadInput(f"Isi naskah terlalu panjang: lebih dari {MAX_BLOCKS} blok")
        if not line.strip():
            flush_para()
            i += 1
            continue
        h = _HEADING.match(line)
        if h and not para:
            blocks.append(Heading(parse_inline(h.group(2)), len(h.group(1))))
            i += 1
            continue
        if line.lstrip().startswith("|"):
            flush_para()
            tlines: list[str] = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                tlines.append(lines[i])
                i += 1
            blocks.append(_table(tlines))
            continue
        lm = _list_match(line)
        if lm is not None:
            flush_para()
            i = _parse_list(lines, i, blocks)
            continue
        para.append(line)
        i += 1
    flush_para()
    return Body(tuple(b for b in blocks if not (isinstance(b, Paragraph) and not b.runs)))


def _parse_list(lines: list[str], i: int, blocks: list[Block]) -> int:
    first = _list_match(lines[i])
    assert first is not None
    builder = _ListBuilder(first[1], first[0])
    while i < len(lines):
        if not lines[i].strip():
            # A loose list (items separated by blank lines) goes on when the next line is another item of
            # it; otherwise the blank line ends the list. Without this, every item printed as "1.".
            j = i
            while j < len(lines) and not lines[j].strip():
                j += 1
            nxt = _list_match(lines[j]) if j < len(lines) else None
            if nxt is None or not (nxt[0] >= builder.base + 2 or nxt[1] == builder.ordered):
                break
            i = j
            continue
        lm = _list_match(lines[i])
        if lm is None:
            if not builder.items:
                break
            # A continuation line: append to the last item (or its last sub-item).
            text, subs = builder.items[-1]
            if subs and _indent(lines[i]) > builder.base + 1:
                subs[-1] = (subs[-1][0], subs[-1][1] + " " + lines[i].strip())
            else:
                builder.items[-1] = (text + " " + lines[i].strip(), subs)
            i += 1
            continue
        indent, ordered, text = lm
        if indent >= builder.base + 2 and builder.items:
            builder.items[-1][1].append((ordered, text))
        elif indent <= builder.base + 1 and ordered == builder.ordered:
            builder.items.append((text, []))
        else:
            break  # a different list starts
        i += 1
    blocks.append(builder.build())
    return i


# ---------------------------------------------------------------- Body -> Markdown (for editing a saved body)

_LEADING = re.compile(r"^(\s*)(#|\||[-*+]\s|\d{1,3}[.)]\s)")


def _escape(text: str) -> str:
    """Backslash before what the parser would read as markup: \\ * ` always, and an underscore beside another or
    at the run's edge (where it would fuse with a neighbouring run's ``__``); "nama_berkas" stays as typed."""
    out: list[str] = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch in "\\*`" or (ch == "_" and (i in (0, last) or text[i - 1] == "_" or text[i + 1] == "_")):
            out.append("\\" + ch)
        else:
            out.append(" " if ch == "\n" else ch)
    return "".join(out)


def runs_to_markdown(runs: Runs) -> str:
    """Markers only where a style changes (the parser toggles on each paired marker), so markers of
    neighbouring runs never fuse into a different one."""
    out: list[str] = []
    state = {"**": False, "*": False, "__": False}
    for r in runs:
        want = {"**": r.bold, "*": r.italic, "__": r.underline}
        out.extend(m for m in ("__", "*", "**") if state[m] != want[m])
        state = want
        out.append(_escape(r.text))
    out.extend(m for m in ("__", "*", "**") if state[m])
    return "".join(out)


def _paragraph(runs: Runs) -> str:
    line = runs_to_markdown(runs)
    # A paragraph that would read as a heading, list or table gets an empty bold pair in front ("****"
    # parses to nothing) instead of an escape, which works for every such start (numbers and '+' have none).
    return "****" + line if _LEADING.match(line) else line


def _list_markdown(block: ListBlock, indent: str) -> list[str]:
    lines: list[str] = []
    for n, item in enumerate(block.items, 1):
        marker = f"{n}." if block.ordered else "-"
        lines.append(f"{indent}{marker} {runs_to_markdown(item.runs)}")
        if item.sublist is not None:
            lines.extend(_list_markdown(item.sublist, indent + "   "))
    return lines


def to_markdown(body: Body) -> str:
    """The Markdown subset for a Body: ``parse_markdown(to_markdown(b))`` gives ``b`` back for bodies made by
    ``parse_markdown`` (line breaks inside a paragraph become spaces)."""
    parts: list[str] = []
    for b in body.blocks:
        if isinstance(b, Heading):
            text = runs_to_markdown(b.runs)
            if text != text.rstrip(" \t#") or text != text.lstrip():
                text = f"****{text}****"  # keep edge spaces and a final '#' from the heading syntax
            parts.append("#" * b.level + " " + text)
        elif isinstance(b, Paragraph):
            parts.append(_paragraph(b.runs))
        elif isinstance(b, ListBlock):
            parts.append("\n".join(_list_markdown(b, "")))
        else:
            rows = ["| " + " | ".join(runs_to_markdown(c).replace("|", "\\|") for c in row) + " |"
                    for row in b.rows]
            # a row of dashes only would read back as the header rule: its first dash escaped
            rows = [re.sub(r"-", r"\\-", r, count=1) if _TABLE_RULE.match(r) else r for r in rows]
            if b.header and rows:
                rows.insert(1, "|" + "---|" * len(b.rows[0]))
            parts.append("\n".join(rows))
    return "\n\n".join(parts)
