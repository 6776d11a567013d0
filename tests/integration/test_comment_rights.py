"""Who the reading pane offers the comment box (services/routing.may_comment) is who `comment` accepts, on
both back ends: the route's people while it runs; not an outsider, not a draft, not a finished route."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from eoffice.domain import EofficeError
from eoffice.services import routing
from tests.integration.helpers import actor, draft, pending, run, submit


def test_the_comment_box_is_offered_to_exactly_who_may_comment(content_engine: Engine) -> None:
    doc = draft(content_engine, "staf.kominfo", subject="Pengadaan kerbau")
    staff = actor(content_engine, "staf.kominfo")
    assert not run(content_engine, lambda uow: routing.may_comment(uow, staff, doc))  # a draft: no route yet
    submit(content_engine, "staf.kominfo", doc)
    reviewer = actor(content_engine, pending(content_engine, doc)[0][2])
    outsider = actor(content_engine, "staf.bappeda")
    for who, allowed in ((staff, True), (reviewer, True), (outsider, False)):
        assert run(content_engine, lambda uow, w=who: routing.may_comment(uow, w, doc)) is allowed
        if allowed:
            run(content_engine, lambda uow, w=who: routing.comment(uow, w, doc, f"Catatan dari {w.login}"))
        else:
            with pytest.raises(EofficeError):
                run(content_engine, lambda uow, w=who: routing.comment(uow, w, doc, "Bukan urusan saya"))
    notes = [n for n in run(content_engine, lambda uow: routing.load(uow, doc)).notes if n.kind == "comment"]
    assert [n.author for n in notes] == [staff.login, reviewer.login]
    run(content_engine, lambda uow: routing.withdraw(uow, staff, doc))
    assert not run(content_engine, lambda uow: routing.may_comment(uow, staff, doc))  # finished: refused
