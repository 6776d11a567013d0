"""The holiday calendar (national holidays, cuti bersama) the admin maintains, and deadlines from sifat
counted in working days over it (workflow/tata_naskah.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import extract, select

from eoffice.domain import BadInput
from eoffice.services.auth import Actor, require_admin
from eoffice.store.models import Holiday
from eoffice.store.uow import UnitOfWork
from eoffice.workflow.tata_naskah import sifat_deadline

KINDS = {"nasional": "Libur nasional", "cuti_bersama": "Cuti bersama"}


@dataclass(frozen=True)
class HolidayInfo:
    day: dt.date
    name: str
    kind: str


def add(uow: UnitOfWork, actor: Actor | None, day: dt.date, name: str, kind: str = "nasional", *,
        bootstrap: bool = False) -> HolidayInfo:
    if not bootstrap:
        assert actor is not None
        require_admin(actor)
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise BadInput("Nama hari libur wajib diisi (maks. 200 karakter)")
    if kind not in KINDS:
        raise BadInput(f"Jenis hari libur: {' atau '.join(KINDS)}, bukan {kind!r}")
    if uow.session.get(Holiday, day) is not None:
        raise BadInput(f"{day.isoformat()} sudah tercatat sebagai hari libur")
    uow.session.add(Holiday(day=day, name=name, kind=kind))
    uow.flush()
    uow.touched("holiday", day.isoformat())
    uow.audit("holiday.add", actor_id=actor.user_id if actor else None,
              data={"day": day.isoformat(), "name": name, "kind": kind})
    return HolidayInfo(day, name, kind)


def remove(uow: UnitOfWork, actor: Actor, day: dt.date) -> None:
    require_admin(actor)
    row = uow.session.get(Holiday, day)
    if row is None:
        raise BadInput(f"{day.isoformat()} tidak ada di kalender hari libur")
    uow.session.delete(row)
    uow.flush()
    uow.touched("holiday", day.isoformat())
    uow.audit("holiday.remove", actor_id=actor.user_id, data={"day": day.isoformat(), "name": row.name})


def listing(uow: UnitOfWork, year: int | None = None) -> list[HolidayInfo]:
    q = select(Holiday).order_by(Holiday.day)
    if year is not None:
        q = q.where(extract("year", Holiday.day) == year)
    return [HolidayInfo(h.day, h.name, h.kind) for h in uow.session.scalars(q)]


def days_off(uow: UnitOfWork, start: dt.date, days: int = 60) -> set[dt.date]:
    """Holidays from ``start`` on, enough for any sifat deadline."""
    end = start + dt.timedelta(days=days)
    return set(uow.session.scalars(select(Holiday.day).where(Holiday.day >= start, Holiday.day <= end)))


def deadline_for(uow: UnitOfWork, sifat: str, start: dt.datetime) -> dt.datetime:
    """Default processing deadline of a letter of ``sifat`` received at ``start`` (working days, WITA)."""
    wita = start.astimezone(dt.timezone(dt.timedelta(hours=8)))
    return sifat_deadline(sifat, wita, days_off(uow, wita.date())).astimezone(dt.UTC)


# A demo calendar for 2026 (national holidays and cuti bersama as announced in the SKB for 2026; check the
# current SKB before relying on it).
DEMO_2026 = (
    ("2026-01-01", "Tahun Baru 2026 Masehi", "nasional"),
    ("2026-01-16", "Isra Mikraj Nabi Muhammad SAW", "nasional"),
    ("2026-02-17", "Tahun Baru Imlek 2577 Kongzili", "nasional"),
    ("2026-03-19", "Hari Suci Nyepi Tahun Baru Saka 1948", "nasional"),
    ("2026-03-20", "Idul Fitri 1447 Hijriah", "nasional"),
    ("2026-03-21", "Idul Fitri 1447 Hijriah", "nasional"),
    ("2026-03-23", "Cuti bersama Idul Fitri 1447 Hijriah", "cuti_bersama"),
    ("2026-03-24", "Cuti bersama Idul Fitri 1447 Hijriah", "cuti_bersama"),
    ("2026-04-03", "Wafat Yesus Kristus", "nasional"),
    ("2026-05-01", "Hari Buruh Internasional", "nasional"),
    ("2026-05-14", "Kenaikan Yesus Kristus", "nasional"),
    ("2026-05-27", "Idul Adha 1447 Hijriah", "nasional"),
    ("2026-05-31", "Hari Raya Waisak 2570 BE", "nasional"),
    ("2026-06-01", "Hari Lahir Pancasila", "nasional"),
    ("2026-06-16", "Tahun Baru Islam 1448 Hijriah", "nasional"),
    ("2026-08-17", "Hari Kemerdekaan Republik Indonesia", "nasional"),
    ("2026-08-25", "Maulid Nabi Muhammad SAW", "nasional"),
    ("2026-12-24", "Cuti bersama Hari Raya Natal", "cuti_bersama"),
    ("2026-12-25", "Hari Raya Natal", "nasional"),
)


def seed_demo(uow: UnitOfWork) -> int:
    added = 0
    for day, name, kind in DEMO_2026:
        if uow.session.get(Holiday, dt.date.fromisoformat(day)) is None:
            add(uow, None, dt.date.fromisoformat(day), name, kind, bootstrap=True)
            added += 1
    return added
