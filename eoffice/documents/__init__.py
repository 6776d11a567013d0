"""documents layer (see DESIGN.md): pure functions, no database, no Qt.

- ``body``: the safe letter body format (JSON blocks), Markdown subset, plain text.
- ``dates``: Indonesian dates and number words.
- ``letter``: ``LetterData`` and its parts; ``letterheads``: demo kop surat of Kalimantan Timur.
- ``render``: ``render_letter(LetterData) -> RenderResult`` (PDF bytes, page count, TTE/paraf areas).
- ``attachments``: ``check_attachment``, ``merge_pdfs``; ``diff``: word-level version diff.
"""
