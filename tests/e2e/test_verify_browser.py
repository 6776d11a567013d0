"""The verification page in a real browser (Debian's headless Chromium): a signed letter's page, a tampered
upload submitted through the page's own form, and an unknown id; screenshots go to docs/screenshots/."""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_verify_page import _signed_letter, _tampered
from tests.e2e.verify_page import serve_verify

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _chromium(*args: str, tmp_path: Path) -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    assert exe, "chromium is in TEST_PACKAGES (tools/bootstrap.sh)"
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
           f"--user-data-dir={tmp_path / 'chromium'}", "--window-size=900,1000", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False).stdout


def _form_page(base: str, doc: str, pdf: bytes, tmp_path: Path) -> Path:
    page = tmp_path / "unggah.html"
    page.write_text(f"""<!doctype html><form id="f" method="post" enctype="multipart/form-data"
action="{base}/verify?lang=id"><input type="hidden" name="id" value="{doc}"><input type="file" name="file" id="i"></form>
<script>const b = Uint8Array.from(atob("{base64.b64encode(pdf).decode()}"), c => c.charCodeAt(0));
const dt = new DataTransfer(); dt.items.add(new File([b], "ubah.pdf", {{type: "application/pdf"}}));
document.getElementById("i").files = dt.files; document.getElementById("f").submit();</script>""")
    return page


@pytest.mark.parametrize("backend", ["sqlite"])  # the page's queries run on both back ends elsewhere
def test_the_page_in_chromium(backend: str, content_url: str, home: Path, tmp_path: Path) -> None:
    doc, pdf, root = _signed_letter(content_url, home, tmp_path)
    SHOTS.mkdir(exist_ok=True)
    with serve_verify(content_url, home, root) as base:
        dom = _chromium("--dump-dom", f"{base}/v/{doc}?lang=id", tmp_path=tmp_path)
        assert 'id="number"' in dom and "Ditandatangani secara elektronik pada" in dom, dom[:2000]
        assert 'type="file"' in dom
        _chromium(f"--screenshot={SHOTS / 'verify-letter.png'}", f"{base}/v/{doc}?lang=id", tmp_path=tmp_path)
        unknown = f"{base}/v/00000000-0000-0000-0000-000000000000?lang=en"
        dom = _chromium("--dump-dom", unknown, tmp_path=tmp_path)
        assert "Letter not found" in dom
        _chromium(f"--screenshot={SHOTS / 'verify-unknown.png'}", unknown, tmp_path=tmp_path)
        form = _form_page(base, doc, _tampered(pdf, tmp_path).read_bytes(), tmp_path)
        dom = _chromium("--virtual-time-budget=60000", "--dump-dom", form.as_uri(), tmp_path=tmp_path)
        assert 'id="verdict" class="bad">TIDAK SAH' in dom and "BUKAN berkas" in dom, dom[:3000]
        assert "perubahan: hanya tanda tangan berikutnya" in dom and "later signatures" not in dom, dom[:3000]
        _chromium("--virtual-time-budget=60000", f"--screenshot={SHOTS / 'verify-tampered.png'}", form.as_uri(),
                  tmp_path=tmp_path)
    for name in ("verify-letter.png", "verify-unknown.png", "verify-tampered.png"):
        assert (SHOTS / name).stat().st_size > 5000
