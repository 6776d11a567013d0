"""Opening a letter in the main window's reading pane: one read (a LetterView) on the task runner, shown if it
is still the letter asked for; an unread disposisi or delivered letter is marked read after it is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eoffice.app.queries import LetterView


def open_letter(w: Any, doc_id: str) -> None:
    """*w* the main window: its backend, actor, runner, reading pane and list."""
    w.current_id = doc_id
    b, a = w.backend, w.actor

    def fetch() -> tuple[LetterView, bytes]:
        view = b.letter_view(a, doc_id)
        return view, b.display_pdf(view.pdf) if view.pdf else b""  # the widgets drawn in: QtPdf leaves them blank

    def mark_row_read(news: bool = True) -> None:  # the opened letter is no longer bold; the badges follow
        if news:
            w.letters.mark_read(doc_id)
            w.load_counts()

    def show_it(result: tuple[LetterView, bytes]) -> None:
        view, display = result
        if doc_id != w.current_id:
            return
        w.reading.show_letter(view, display)
        w.detail_loaded.emit(doc_id)
        if view.unread_disposition:  # marked read after it is shown, not inside the read
            w.runner.submit(lambda: b.mark_read(a, doc_id), lambda _r: mark_row_read(), lambda _e: None)
        elif view.info["status"] == "dispatched" and view.info["direction"] != "in":
            w.runner.submit(lambda: b.mark_letter_read(a, doc_id), mark_row_read, lambda _e: None)

    w.runner.submit(fetch, show_it)
