"""Organisation use cases on both back ends."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from eoffice.domain import BadInput, NotAuthorized, NotFound
from eoffice.services import auth, demo, org
from eoffice.store.models import AuditEvent, Position, Unit, User
from eoffice.store.uow import UnitOfWork

NIP = "198001012005011001"


def _admin(engine: Engine) -> auth.Actor:
    with UnitOfWork(engine) as uow:
        return auth.login(uow, "admin", demo.DEMO_PASSWORD)


def test_admin_adds_a_user_who_can_log_in(demo_engine: Engine) -> None:
    admin = _admin(demo_engine)
    with UnitOfWork(demo_engine) as uow:
        info = org.add_user(uow, admin, login="budi", nip=NIP, name="Budi  Hartono", unit_code="diskominfo-b1",
                            password="rahasia1")
        uow.commit()
    assert (info.login, info.unit, info.name) == ("budi", "DISKOMINFO-B1", "Budi Hartono")
    with UnitOfWork(demo_engine) as uow:
        assert auth.login(uow, NIP, "rahasia1").login == "budi"
        with pytest.raises(NotAuthorized):
            auth.login(uow, "budi", "salah")


@pytest.mark.parametrize(
    ("changes", "error", "match"),
    [
        ({"unit_code": "NOPE"}, NotFound, "Unit tidak dikenal"),
        ({"nip": "123"}, BadInput, "NIP tidak valid"),
        ({"login": "Bad Login"}, BadInput, "Login tidak valid"),
        ({"position_code": "NOPE"}, NotFound, "Jabatan tidak dikenal"),
        ({"password": "x"}, BadInput, "terlalu pendek"),
    ],
)
def test_bad_user_input_is_refused_and_writes_nothing(
    demo_engine: Engine, changes: dict[str, str], error: type[Exception], match: str
) -> None:
    admin = _admin(demo_engine)
    args = {"login": "budi", "nip": NIP, "name": "Budi", "unit_code": "DISKOMINFO", "password": "rahasia1"} | changes
    with UnitOfWork(demo_engine) as uow:
        before = uow.session.scalar(select(func.count()).select_from(User))
        with pytest.raises(error, match=match):
            org.add_user(uow, admin, **args)  # type: ignore[arg-type]
    with UnitOfWork(demo_engine) as uow:
        assert uow.session.scalar(select(func.count()).select_from(User)) == before


def test_duplicate_nip_and_login_are_refused(demo_engine: Engine) -> None:
    admin = _admin(demo_engine)
    with UnitOfWork(demo_engine) as uow:
        existing = uow.users.by_login("gubernur")
        with pytest.raises(BadInput, match="sudah terdaftar"):
            org.add_user(uow, admin, login="baru", nip=existing.nip, name="X", unit_code="SETDA", password="abcd")
        with pytest.raises(BadInput, match="sudah dipakai"):
            org.add_user(uow, admin, login="gubernur", nip=NIP, name="X", unit_code="SETDA", password="abcd")


def test_only_admins_manage_once_an_admin_exists(demo_engine: Engine) -> None:
    with UnitOfWork(demo_engine) as uow:
        staff = auth.login(uow, "staf.kominfo", demo.DEMO_PASSWORD)
        with pytest.raises(NotAuthorized):
            org.add_unit(uow, staff, code="X", name="X", kind="dinas")
        with pytest.raises(NotAuthorized):
            org.add_unit(uow, None, code="X", name="X", kind="dinas")


def test_demo_is_idempotent_and_complete(demo_engine: Engine) -> None:
    def counts() -> tuple[int | None, ...]:
        with UnitOfWork(demo_engine) as uow:
            return tuple(uow.session.scalar(select(func.count()).select_from(m)) for m in (Unit, Position, User,
                                                                                           AuditEvent))

    before = counts()
    with UnitOfWork(demo_engine) as uow:
        result = demo.seed(uow)
        uow.commit()
    assert not result.changed
    assert counts() == before
    with UnitOfWork(demo_engine) as uow:
        codes = {u.code for u in org.list_units(uow)}
        titles = {u.title for u in org.list_users(uow)}
        assert {"PEMPROV", "SETDA", "ASISTEN1", "ASISTEN2", "ASISTEN3", "BIRO-UMUM", "DISKOMINFO", "BAPPEDA",
                "DISDIK", "DINKES"} <= codes
        assert {"Gubernur Kalimantan Timur", "Wakil Gubernur Kalimantan Timur",
                "Sekretaris Daerah Provinsi Kalimantan Timur"} <= titles
        assert {c.code[:3] for c in uow.classifications.all() if "." not in c.code} == {
            f"{n}00" for n in range(10)}


def test_admin_edits_a_users_profile_and_the_audit_hides_the_nik(demo_engine: Engine) -> None:
    admin = _admin(demo_engine)
    edit = org.UserEdit(nik="6472011203800001", gelar_depan="Dr.", gelar_belakang="S.Kom.,  M.Si.",
                        pangkat="Pembina (IV/a)", title="Kepala Dinas Komunikasi dan Informatika")
    with UnitOfWork(demo_engine) as uow:
        info = org.edit_user(uow, admin, "kepala.kominfo", edit)
        uow.commit()
    assert (info.nik, info.gelar_depan, info.gelar_belakang, info.pangkat) == (
        "6472011203800001", "Dr.", "S.Kom., M.Si.", "Pembina (IV/a)")
    assert info.title == "Kepala Dinas Komunikasi dan Informatika"
    with UnitOfWork(demo_engine) as uow:
        event = uow.session.scalars(select(AuditEvent).where(AuditEvent.action == "user.edit")).one()
        assert "6472011203800001" not in str(event.data) and event.data["nik"] == "diubah"
        assert org.user_info(uow, uow.users.by_login("kepala.kominfo")).pangkat == "Pembina (IV/a)"


def test_deactivated_user_cannot_log_in_and_edit_rules_hold(demo_engine: Engine) -> None:
    admin = _admin(demo_engine)
    with UnitOfWork(demo_engine) as uow:
        assert org.edit_user(uow, admin, "staf.kominfo", org.UserEdit(active=False)).active is False
        uow.commit()
    with UnitOfWork(demo_engine) as uow:
        with pytest.raises(NotAuthorized):
            auth.login(uow, "staf.kominfo", demo.DEMO_PASSWORD)
        with pytest.raises(BadInput, match="NIK tidak valid"):
            org.edit_user(uow, admin, "kasi1.kominfo", org.UserEdit(nik="12345"))
        with pytest.raises(BadInput, match="sendiri"):
            org.edit_user(uow, admin, "admin", org.UserEdit(active=False))
        with pytest.raises(BadInput, match="Tidak ada yang diubah"):
            org.edit_user(uow, admin, "kasi1.kominfo", org.UserEdit())
        staff = auth.login(uow, "kasi1.kominfo", demo.DEMO_PASSWORD)
        with pytest.raises(NotAuthorized):
            org.edit_user(uow, staff, "kasi1.kominfo", org.UserEdit(pangkat="Pembina Utama (IV/e)"))
        org.edit_user(uow, admin, "kasi1.kominfo", org.UserEdit(nik="6472011203800002"))
        with pytest.raises(BadInput, match="sudah terdaftar"):
            org.edit_user(uow, admin, "kabid1.kominfo", org.UserEdit(nik="6472011203800002"))
    with UnitOfWork(demo_engine) as uow:  # login roles are cluster-wide: later tests' databases log in as it
        org.edit_user(uow, admin, "staf.kominfo", org.UserEdit(active=True))
        uow.commit()
