"""Hypothesis fuzz: odd Unicode, very long words and empty parts never crash the renderer or parsers."""

from __future__ import annotations

import datetime as dt
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from eoffice.documents.body import (
    Body,
    ListBlock,
    ListItem,
    Paragraph,
    Run,
    Table,
    parse_body_json,
    parse_markdown,
)
from eoffice.documents.letter import (
    Assignee,
    Assignment,
    Decree,
    Disposition,
    Invitation,
    LetterData,
    Letterhead,
    PaperSize,
    Signatory,
)
from eoffice.documents.render import render_letter
from eoffice.domain import BadInput, Capacity, Classification, DocKind, Urgency

ODD = st.sampled_from(
    [
        "Ñoño",
        "王小明",
        "\U0001f600",
        "\u200b",
        "\u202e",
        "é\u0301",
        "<b>",
        "&amp;",
        "]]>",
        "\ud800",
        "\x00",
        "\t",
        "\n",
        "x" * 400,
        "ـــ",
        "\ufffd",
        " ",
        "Ǆ",
        "\u0000\u0007",
    ]
)
TEXT = st.one_of(st.text(max_size=60), ODD, st.lists(ODD, max_size=4).map("".join))
SHORT = TEXT.map(lambda s: s[:40])  # signature-block fields have tight length limits
LINES = st.lists(TEXT, max_size=4)
RUNS = st.lists(st.builds(Run, TEXT, st.booleans(), st.booleans(), st.booleans()), max_size=3).map(tuple)


def _table(ncols: int) -> st.SearchStrategy[Table]:
    return st.builds(
        Table,
        st.lists(st.lists(RUNS, min_size=ncols, max_size=ncols).map(tuple), min_size=1, max_size=3).map(
            tuple
        ),
        st.booleans(),
    )


BLOCK = st.one_of(
    st.builds(Paragraph, RUNS),
    st.builds(
        ListBlock,
        st.booleans(),
        st.lists(
            st.builds(
                ListItem,
                RUNS,
                st.none()
                | st.builds(
                    ListBlock, st.booleans(), st.lists(st.builds(ListItem, RUNS), max_size=2).map(tuple)
                ),
            ),
            max_size=3,
        ).map(tuple),
    ),
    st.integers(1, 5).flatmap(_table),
)
BODY = st.lists(BLOCK, max_size=4).map(lambda b: Body(tuple(b)))
DATE = st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))
SIGNER = st.none() | st.builds(Signatory, SHORT, SHORT, SHORT, SHORT, st.sampled_from(list(Capacity)), SHORT)

LETTER = st.builds(
    LetterData,
    kind=st.sampled_from(list(DocKind)),
    letterhead=st.builds(Letterhead, LINES, LINES, st.none(), st.booleans()),
    subject=TEXT,
    body=BODY,
    number=TEXT,
    place=SHORT,
    date=DATE,
    urgency=st.sampled_from(list(Urgency)),
    classification=st.sampled_from(list(Classification)),
    attachment_note=TEXT,
    recipients=LINES,
    recipient_place=TEXT,
    sender=TEXT,
    signatory=SIGNER,
    tembusan=LINES,
    closing=TEXT,
    paraf_labels=st.lists(SHORT, max_size=3),
    invitation=st.none() | st.builds(Invitation, DATE, TEXT, TEXT, TEXT, TEXT),
    decree=st.none() | st.builds(Decree, LINES, LINES, LINES, TEXT, LINES),
    assignment=st.none()
    | st.builds(Assignment, LINES, st.lists(st.builds(Assignee, TEXT, TEXT, TEXT, TEXT), max_size=2), LINES),
    disposition=st.none()
    | st.builds(
        Disposition,
        TEXT,
        TEXT,
        DATE,
        TEXT,
        DATE,
        TEXT,
        recipient_options=LINES,
        recipients=LINES,
        instructions=LINES,
        note=TEXT,
        deadline=DATE,
    ),
    paper=st.sampled_from(list(PaperSize)),
)


@settings(
    max_examples=int(__import__("os").environ.get("EO_FUZZ", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(LETTER)
def test_render_never_crashes(data: LetterData) -> None:
    try:
        res = render_letter(data)
    except BadInput as exc:  # a clean refusal, not a crash: e.g. one table cell taller than a page
        assert str(exc).startswith("letter cannot be laid out")
        return
    assert len(PdfReader(io.BytesIO(res.pdf)).pages) == res.page_count >= 1
    assert (res.signature_rect is None) == (data.signatory is None)
    assert len(res.paraf_rects) == len(data.paraf_labels)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "type",
                    "runs",
                    "text",
                    "bold",
                    "items",
                    "style",
                    "rows",
                    "blocks",
                    "sublist",
                    "level",
                    "header",
                    "x",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(JSONISH)
def test_body_json_parser_only_raises_bad_input(obj: object) -> None:
    try:
        parse_body_json(obj)  # type: ignore[arg-type]
    except BadInput as exc:
        assert "\n" not in str(exc)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab *_|-#1.)\\\n  \t")), max_size=120))
def test_markdown_never_crashes(text: str) -> None:
    parse_markdown(text)
