"""What the tray notification says is new (eoffice.ui.notify.news: pure, no widgets)."""

from __future__ import annotations

from eoffice.ui.notify import news


def test_first_refresh_is_never_news() -> None:
    assert news(None, {"sign": 3}) == []
    assert news({}, {"sign": 3}) == []


def test_growing_counts_are_news() -> None:
    before = {"sign": 1, "paraf": 2, "disposisi": 0, "reminders": 0, "drafts": 1}
    after = {"sign": 3, "paraf": 2, "disposisi": 1, "reminders": 1, "drafts": 5}
    assert news(before, after) == ["2 naskah baru perlu tanda tangan", "1 disposisi baru",
                                    "1 pengingat baru: naskah melewati batas waktu"]


def test_shrinking_or_missing_counts_are_not_news() -> None:
    assert news({"sign": 3, "paraf": 1}, {"sign": 1}) == []
    assert news({"sign": 1}, {"sign": 1, "paraf": 0}) == []
