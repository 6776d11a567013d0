"""Rules of Tata Naskah Dinas (Permendagri 1/2023 and the regional rules on it) that are plain logic: who
signs with gelar, NIP and pangkat, how far a.n./u.b. reach. Sources: docs/tata-naskah.md."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

from eoffice.domain import BadInput, Capacity
from eoffice.workflow.events import require_aware

# Kepala Daerah, Wakil Kepala Daerah, Sekretaris Daerah (position roles; the demo's and generic names).
HEAD_ROLES = frozenset({"gubernur", "wagub", "sekda", "kepala_daerah", "wakil_kepala_daerah",
                        "sekretaris_daerah"})
# Whose Pj./Plt./Plh. also sign bare: the Kepala Daerah and the Sekda (Pasal 44).
ACTING_BARE_ROLES = frozenset({"gubernur", "sekda", "kepala_daerah", "sekretaris_daerah"})


def signs_bare(own_roles: Iterable[str], capacity: Capacity, principal_roles: Iterable[str] = ()) -> bool:
    """Pasal 44: the Kepala Daerah, Wakil and Sekda, and the Plt./Plh. Kepala Daerah or Sekda, sign
    without gelar, NIP or pangkat/golongan; every other official signs with them."""
    if HEAD_ROLES & set(own_roles):
        return True
    return capacity in (Capacity.PLT, Capacity.PLH) and bool(ACTING_BARE_ROLES & set(principal_roles))


def full_name(name: str, gelar_depan: str = "", gelar_belakang: str = "") -> str:
    """``Dr. H. Budi Santoso, S.T., M.Si.``: gelar before, the name, a comma, gelar after."""
    front = " ".join(p for p in (gelar_depan.strip(), name.strip()) if p)
    back = gelar_belakang.strip().lstrip(",").strip()
    return f"{front}, {back}" if back else front


def check_level(capacity: Capacity, levels_below: int | None) -> None:
    """a.n. (atas nama): the signer is one level below the principal; u.b. (untuk beliau): two levels.
    ``levels_below``: how far the delegate's position sits under the delegator's (None: not under it)."""
    if capacity == Capacity.AN and levels_below != 1:
        raise BadInput("a.n. (atas nama) hanya untuk pejabat satu tingkat di bawah pemberi delegasi; "
                       "dua tingkat di bawahnya: u.b.")
    if capacity == Capacity.UB and levels_below != 2:
        raise BadInput("u.b. (untuk beliau) hanya untuk pejabat dua tingkat di bawah pemberi delegasi")


# Processing time by sifat (regional rules on Permendagri 1/2023): amat/sangat segera 24 hours, segera 2x24,
# penting 3x24, biasa 5 working days; each 24 hours is counted as one working day.
SIFAT_WORKING_DAYS = {"sangat_segera": 1, "amat_segera": 1, "segera": 2, "penting": 3, "biasa": 5}


def is_working_day(day: dt.date, holidays: Collection[dt.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: dt.datetime, days: int, holidays: Collection[dt.date]) -> dt.datetime:
    """``start`` moved forward by ``days`` working days (Monday-Friday, not in ``holidays``), same time of day.
    A start outside working days counts from the next working day's start of business."""
    require_aware("deadline start", start)
    when = start
    while not is_working_day(when.date(), holidays):
        when = dt.datetime.combine(when.date() + dt.timedelta(days=1), dt.time(8, 0), tzinfo=when.tzinfo)
    left = days
    while left > 0:
        when += dt.timedelta(days=1)
        if is_working_day(when.date(), holidays):
            left -= 1
    return when


def sifat_deadline(sifat: str, start: dt.datetime, holidays: Collection[dt.date]) -> dt.datetime:
    """The default processing deadline of a letter of ``sifat`` received at ``start``."""
    try:
        days = SIFAT_WORKING_DAYS[sifat]
    except KeyError:
        raise BadInput(f"Sifat tidak dikenal: {sifat} ({', '.join(SIFAT_WORKING_DAYS)})") from None
    return add_working_days(start, days, holidays)
