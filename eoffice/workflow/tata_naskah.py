"""Rules of Tata Naskah Dinas (Permendagri 1/2023 and the regional rules on it) that are plain logic: who
signs with gelar, NIP and pangkat, how far a.n./u.b. reach. Sources: docs/tata-naskah.md."""

from __future__ import annotations

from collections.abc import Iterable

from eoffice.domain import BadInput, Capacity

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
