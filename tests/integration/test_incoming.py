"""Naskah masuk and disposisi trees on both back ends."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from reportlab.pdfgen import canvas
from sqlalchemy.engine import Engine

from eoffice.domain import BadInput, NotAuthorized, NotFound
from eoffice.services import incoming, queries
from tests.integration.helpers import actor, run


def _pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "Surat masuk uji")
    c.save()
    return buf.getvalue()


def _register(engine: Engine, **kw: object) -> str:
    tu = actor(engine, "tu.pimpinan")
    info = incoming.Incoming(sender="Kementerian Keuangan", number="S-12/MK.7/2026", subject="Alokasi DAK",
                             letter_date=dt.date(2026, 11, 2), addressed_to="gubernur")
    data = kw.pop("data", _pdf())
    name = kw.pop("name", "scan.pdf")
    return run(engine, lambda uow: incoming.register(uow, tu, info, name, data))  # type: ignore[arg-type]


def test_disposisi_down_two_levels_with_reports(content_engine: Engine) -> None:
    doc = _register(content_engine)
    gub, sekda, kadis = (actor(content_engine, x) for x in ("gubernur", "sekda", "kepala.kominfo"))
    run(content_engine, lambda uow: incoming.dispose(uow, gub, doc, to=["sekda"], instructions=["tindak_lanjuti"],
                                                     note="Segera"))
    run(content_engine, lambda uow: incoming.dispose(uow, sekda, doc, to=["kepala.kominfo", "kepala.bappeda"],
                                                     instructions=["siapkan_bahan"]))
    with pytest.raises(NotAuthorized, match="bukan bawahan"):
        run(content_engine, lambda uow: incoming.dispose(uow, kadis, doc, to=["kepala.dinkes"],
                                                         instructions=["pelajari"]))
    run(content_engine, lambda uow: incoming.report_done(uow, kadis, doc, "Bahan sudah dikirim"))
    roots = run(content_engine, lambda uow: incoming.tree_of(uow, gub, doc))
    assert len(roots) == 1 and roots[0].node.to_user == "sekda"
    kids = {c.node.to_user: c.node for c in roots[0].children}
    assert set(kids) == {"kepala.kominfo", "kepala.bappeda"}
    assert kids["kepala.kominfo"].status.value == "done" and kids["kepala.bappeda"].status.value == "sent"
    staff = actor(content_engine, "staf.dinkes")
    with pytest.raises(NotFound, match="Naskah tidak ditemukan"):
        run(content_engine, lambda uow: queries.letter_detail(uow, staff, doc))
    assert run(content_engine, lambda uow: queries.letter_detail(uow, kadis, doc))["sender"] == "Kementerian Keuangan"


def test_only_the_leader_it_is_addressed_to_starts_the_tree(content_engine: Engine) -> None:
    doc = _register(content_engine)
    sekda = actor(content_engine, "sekda")
    with pytest.raises(NotAuthorized, match="tidak memegang"):
        run(content_engine, lambda uow: incoming.dispose(uow, sekda, doc, to=["kepala.kominfo"],
                                                         instructions=["pelajari"]))


@pytest.mark.parametrize(("data", "name", "match"), [
    (b"", "kosong.pdf", "kosong"),
    (b"hello, this is not a PDF", "palsu.pdf", "bukan|tidak sesuai|not"),
])
def test_bad_scans_are_refused(content_engine: Engine, data: bytes, name: str, match: str) -> None:
    with pytest.raises(BadInput, match=match):
        _register(content_engine, data=data, name=name)


def test_only_registry_staff_register(content_engine: Engine) -> None:
    staff = actor(content_engine, "staf.kominfo")
    info = incoming.Incoming(sender="X", number="1", subject="Y", letter_date=dt.date(2026, 1, 1),
                             addressed_to="gubernur")
    with pytest.raises(NotAuthorized):
        run(content_engine, lambda uow: incoming.register(uow, staff, info, "a.pdf", _pdf()))


def test_an_incoming_letter_is_addressed_to_a_leader_only(content_engine: Engine) -> None:
    """The rule the app's address list showed (a top position, a Kepala or a Sekretaris) is the register's
    own, so the CLI cannot address an incoming letter to anyone else either."""
    tu = actor(content_engine, "tu.pimpinan")
    info = incoming.Incoming(sender="Kementerian Keuangan", number="S-13/MK.7/2026", subject="Alokasi DAK",
                             letter_date=dt.date(2026, 11, 2), addressed_to="staf.kominfo")
    with pytest.raises(BadInput, match="bukan pimpinan"):
        run(content_engine, lambda uow: incoming.register(uow, tu, info, "scan.pdf", _pdf()))
    leaders = dict(run(content_engine, incoming.leaders))
    assert "gubernur" in leaders and "kepala.kominfo" in leaders and "staf.kominfo" not in leaders


def test_the_disposisi_badge_counts_what_the_lists_hold(content_engine: Engine) -> None:
    """disposisi_count (one statement, for the badge) against the lists it stands for, at each step of a tree."""
    def check(*logins: str) -> dict[str, int]:
        out = {}
        for login in logins:
            who = actor(content_engine, login)
            listed = run(content_engine, lambda uow, who=who: sum(1 for _, n in incoming.my_dispositions(uow, who)
                                                         if n.status != "done") + len(incoming.incoming_for(uow, who)))
            assert run(content_engine, lambda uow, who=who: incoming.disposisi_count(uow, who)) == listed, login
            out[login] = listed
        return out

    people = ("gubernur", "sekda", "kepala.kominfo")
    base = check(*people)  # the content's own letters

    def added() -> tuple[int, ...]:
        now = check(*people)
        return tuple(now[p] - base[p] for p in people)

    first, second = _register(content_engine), _register(content_engine)
    assert added() == (2, 0, 0)
    gub, sekda = actor(content_engine, "gubernur"), actor(content_engine, "sekda")
    run(content_engine, lambda uow: incoming.dispose(uow, gub, first, to=["sekda"], instructions=["pelajari"]))
    assert added() == (1, 1, 0)
    run(content_engine, lambda uow: incoming.dispose(uow, sekda, first, to=["kepala.kominfo"],
                                                     instructions=["siapkan_bahan"]))
    assert added() == (1, 1, 1)  # the Sekda's own one stays open until the Kepala Dinas reports
    run(content_engine, lambda uow: incoming.report_done(uow, actor(content_engine, "kepala.kominfo"), first,
                                                         "Selesai"))
    assert added()[2] == 0
    assert second  # still waiting for the Governor's disposisi
