"""The verification page (Starlette): ``/v/<id>`` for the letter behind a QR code, and ``/verify`` for an
uploaded PDF, judged like `eoffice verify` against the pinned roots (never roots from the database).
Per-client-IP rate limits (behind a reverse proxy the client IP comes from X-Forwarded-For, trusted only
from the proxies uvicorn is told about), an upload size limit, verification in a sandboxed child process."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from eoffice.web import pages
from eoffice.web.qr import valid_id
from eoffice.web.sandbox import verify_sandboxed
from eoffice.web.store import PublicLetter, PublicLetters

HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer",
           "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"}


@dataclass
class Limits:
    pages: str = "120/minute"
    uploads: str = "10/minute"
    max_upload_mb: float = 20.0
    verify_timeout: float = 20.0


def create_app(letters: PublicLetters, roots_pem: bytes, limits: Limits | None = None) -> Starlette:
    lim = limits or Limits()
    limiter = MovingWindowRateLimiter(MemoryStorage())
    page_rate, upload_rate = parse(lim.pages), parse(lim.uploads)  # ValueError on a bad "N/minute"
    max_bytes = int(lim.max_upload_mb * 1024 * 1024)

    def lang_of(request: Request) -> str:
        return pages.language(request.query_params.get("lang"), request.headers.get("accept-language", ""))

    def html(body: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(body, status_code=status, headers=HEADERS)

    def limited(request: Request, rate: RateLimitItem) -> Response | None:
        ip = request.client.host if request.client else "-"
        if limiter.hit(rate, ip):
            return None
        return html(pages.render("result", lang_of(request), ok=False, verdict=None, letter=None,
                                 message=pages.WORDS[lang_of(request)]["slow_down"]), 429)

    def letter_page(request: Request, letter: PublicLetter | None, status: int = 200) -> HTMLResponse:
        lang = lang_of(request)
        values = {}
        if letter is not None:
            values = {"date": pages.date_text(letter.letter_date, lang), "kind": pages.kind_label(letter.kind),
                      "signed_at": pages.date_text(letter.signed_at, lang, time=True)}
        return html(pages.render("letter", lang, letter=letter, **values), status)

    async def home(request: Request) -> Response:
        return limited(request, page_rate) or html(pages.render("letter", lang_of(request), letter=None)
                                                   .replace('<h2 id="unknown" class="bad">', '<h2 hidden>'))

    async def letter(request: Request) -> Response:
        if (slow := limited(request, page_rate)) is not None:
            return slow
        doc_id = valid_id(request.path_params["doc_id"])
        found = await run_in_threadpool(letters.by_id, doc_id) if doc_id else None
        return letter_page(request, found, 200 if found else 404)

    async def verify(request: Request) -> Response:
        if (slow := limited(request, upload_rate)) is not None:
            return slow
        lang = lang_of(request)
        w = pages.WORDS[lang]

        def answer(message: str, status: int, **values: object) -> HTMLResponse:
            return html(pages.render("result", lang, ok=False, verdict=None, letter=None, message=message,
                                     **values), status)

        if int(request.headers.get("content-length") or 0) > max_bytes + 64 * 1024:
            return answer(w["too_big"].format(mb=f"{lim.max_upload_mb:g}"), 413)
        async with request.form(max_files=1, max_fields=4) as form:
            upload = form.get("file")
            claimed = valid_id(str(form.get("id") or ""))
            if not isinstance(upload, UploadFile):
                return answer(w["missing"], 400)
            data = await upload.read(max_bytes + 1)
        if len(data) > max_bytes:
            return answer(w["too_big"].format(mb=f"{lim.max_upload_mb:g}"), 413)
        result = await run_in_threadpool(verify_sandboxed, data, roots_pem, timeout=lim.verify_timeout)
        if result.get("timeout"):
            return answer(w["timeout"], 422)
        if "error" in result:
            return answer(f"{w['not_pdf']}: {result['error']}", 422)
        digest = hashlib.sha256(data).hexdigest()
        on_record = await run_in_threadpool(letters.by_pdf, digest)
        if on_record is not None:
            match = f"{w['same']} {on_record.number or '-'} ({pages.date_text(on_record.letter_date, lang)})."
        elif claimed:
            match = w["differs"]
        else:
            match = w["not_ours"]
        verdict = result["verdict"]
        return html(pages.render("result", lang, ok=bool(verdict["ok"]), verdict=verdict, letter=on_record,
                                 message="", match=match))

    async def health(_request: Request) -> Response:
        return PlainTextResponse("ok")

    return Starlette(routes=[
        Route("/", home), Route("/v/{doc_id}", letter), Route("/verify", verify, methods=["POST"]),
        Route("/verify", home, methods=["GET"]), Route("/healthz", health),
    ])
