"""The page geometry of naskah dinas as one named profile a region can adjust: margins, the space under the
kop, the face and paper per kind (docs/tata-naskah.md). The default follows Permendagri 1/2023 as read in
/work/shared/notes: left 3 cm, right 2 cm, bottom >= 2.5 cm, two line spaces under the kop, Arial 12 for
korespondensi and penugasan, Bookman Old Style 12 for pengaturan/penetapan, A4.

A region overrides it with ``resources/tata-naskah.yaml`` (``load_profile``), e.g.::

    name: Pergub Kaltim
    margin_bottom_mm: 30
    paper: {surat_keputusan: F4}
    head_register: BIRO-UMUM   # the Governor's letters are numbered in this unit's register
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

from eoffice.documents.fonts import FACES, Face
from eoffice.documents.letter import PaperSize
from eoffice.domain import BadInput, DocKind

# Naskah dinas pengaturan/penetapan (keputusan; peraturan and instruksi when they become kinds): Bookman.
SERIF_KINDS = frozenset({DocKind.SURAT_KEPUTUSAN})


@dataclass(frozen=True)
class PageProfile:
    name: str = "Permendagri 1/2023"
    margin_top_mm: float = 20.0
    margin_left_mm: float = 30.0
    margin_right_mm: float = 20.0
    margin_bottom_mm: float = 25.0
    kop_gap_lines: float = 2.0  # blank lines (of the body's leading) between the kop and the text
    paper: Mapping[DocKind, PaperSize] = field(default_factory=dict)  # kinds not listed: ``default_paper``
    default_paper: PaperSize = PaperSize.A4
    faces: Mapping[DocKind, str] = field(default_factory=lambda: {k: "serif" for k in SERIF_KINDS})
    # The unit whose register numbers the Kepala Daerah's own letters (services/numbering.py), not the
    # drafting agency's series.
    head_register: str = "SETDA"

    def paper_for(self, kind: DocKind) -> PaperSize:
        return self.paper.get(kind, self.default_paper)

    def face_for(self, kind: DocKind) -> Face:
        return FACES[self.faces.get(kind, "sans")]


DEFAULT_PROFILE = PageProfile()
_NUMBERS = {f.name for f in fields(PageProfile) if f.name.endswith(("_mm", "_lines"))}


def profile_from(obj: Mapping[str, Any], base: PageProfile = DEFAULT_PROFILE) -> PageProfile:
    """A profile from YAML data; unknown keys, kinds, paper sizes or faces are refused."""
    changes: dict[str, Any] = {}
    try:
        for key, value in obj.items():
            if key in _NUMBERS:
                number = float(value)
                if not 0 <= number <= 80:
                    raise BadInput(f"tata-naskah: {key} di luar 0..80")
                changes[key] = number
            elif key in ("name", "head_register"):
                changes[key] = str(value)
            elif key == "default_paper":
                changes[key] = PaperSize(str(value))
            elif key == "paper":
                changes[key] = {DocKind(k): PaperSize(str(v)) for k, v in dict(value).items()}
            elif key == "faces":
                faces = dict(base.faces) | {DocKind(k): str(v) for k, v in dict(value).items()}
                if not set(faces.values()) <= set(FACES):
                    raise BadInput(f"tata-naskah: huruf harus salah satu dari {sorted(FACES)}")
                changes[key] = faces
            else:
                raise BadInput(f"tata-naskah: kunci tidak dikenal {key!r}")
    except (ValueError, TypeError) as exc:
        raise BadInput(f"tata-naskah: {exc}") from None
    return replace(base, **changes)


@functools.cache
def load_profile(path: Path | None = None) -> PageProfile:
    """``resources/tata-naskah.yaml`` when present, else the default profile."""
    if path is None:
        from eoffice.documents.fonts import resources_dir

        path = resources_dir() / "tata-naskah.yaml"
    if not path.is_file():
        return DEFAULT_PROFILE
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, Mapping):
        raise BadInput(f"{path}: harus berupa pemetaan")
    return profile_from(data)
