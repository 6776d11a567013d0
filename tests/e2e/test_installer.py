"""The Linux package end to end: tools/build-installer.sh builds it with PyInstaller, install.sh installs it for
a user, and the installed program (no Python, no source tree) does the real work: migrations, the demo, a TTE
checked by pdfsig, the desktop app with its translations, on both back ends."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.dbs import Databases
from tests.e2e.cli import Result, assert_one_line_error
from tests.e2e.cli import run as run_cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build the package once, unpack it and install it into a throw-away home."""
    out = tmp_path_factory.mktemp("package")
    build = subprocess.run(["bash", "tools/build-installer.sh", str(out)], cwd=ROOT, capture_output=True,
                           text=True, timeout=1200, env={**os.environ, "PYTHON": sys.executable})
    assert build.returncode == 0, build.stdout + build.stderr
    (tarball,) = out.glob("eoffice-*-linux-x86_64.tar.gz")
    unpacked = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(tarball) as tar:
        # extraction filters came with Python 3.11.4; Debian 12's Python is 3.11.2 (our own tarball here)
        tar.extractall(unpacked, **({"filter": "tar"} if hasattr(tarfile, "tar_filter") else {}))
    (package,) = unpacked.iterdir()
    user_home = tmp_path_factory.mktemp("user")
    env = {**os.environ, "PREFIX": str(user_home / ".local"), "XDG_DATA_HOME": str(user_home / "share")}
    done = subprocess.run(["bash", str(package / "install.sh")], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    return {"package": package, "prefix": user_home / ".local", "data": user_home / "share",
            "program": user_home / ".local" / "bin" / "eoffice"}


def frozen(installed: dict[str, Path], *args: str, db: str | None, home: Path, user: str | None = None,
           password: str | None = None, env: dict[str, str] | None = None, timeout: float = 120) -> Result:
    return run_cli(*args, db=db, home=home, user=user, password=password, env=env, timeout=timeout,
                   program=[str(installed["program"])])


def test_install_puts_the_program_the_menu_entry_and_the_icon_in_place(installed: dict[str, Path]) -> None:
    program = installed["program"]
    assert program.is_symlink() and program.resolve().is_relative_to(installed["prefix"] / "lib" / "eoffice")
    desktop = (installed["data"] / "applications" / "eoffice.desktop").read_text(encoding="utf-8")
    assert f"Exec={program}" in desktop and "Icon=eoffice" in desktop
    assert (installed["data"] / "icons" / "hicolor" / "256x256" / "apps" / "eoffice.png").stat().st_size > 1000
    out = subprocess.run([str(program), "--version"], capture_output=True, text=True, check=False,
                         env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")})
    assert out.returncode == 0 and out.stdout.startswith("eoffice ")


def test_installed_program_migrates_seeds_signs_and_verifies(installed: dict[str, Path], backend: str,
                                                             databases: Databases, tmp_path: Path) -> None:
    home = tmp_path / "home"
    db = f"sqlite:///{tmp_path / 'e.db'}" if backend == "sqlite" else databases.new("postgresql", seeded=False)
    try:
        assert frozen(installed, "init", db=db, home=home).code == 0  # the migrations inside the bundle
        demo = frozen(installed, "demo", db=db, home=home, timeout=300)
        assert demo.code == 0, demo.err
        key = {"EOFFICE_KEY_PASSPHRASE": "demo"}
        inbox = frozen(installed, "inbox", "--json", db=db, home=home, user="gubernur", password="demo")
        doc = next(i["document_id"] for i in inbox.json() if i["stage_kind"] == "sign")
        signed = frozen(installed, "sign", doc, db=db, home=home, user="gubernur", password="demo", env=key)
        assert signed.code == 0, signed.err
        pdf = tmp_path / "surat.pdf"
        assert frozen(installed, "letter", "export", doc, str(pdf), db=db, home=home, user="gubernur",
                      password="demo").code == 0
        verified = frozen(installed, "verify", str(pdf), "--json", db=db, home=home)
        assert verified.code == 0 and json.loads(verified.out)["ok"] is True
        pdfsig = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True, check=False)
        assert pdfsig.stdout.count("Signature is Valid.") >= 2  # paraf signatures and the TTE
        assert_one_line_error(frozen(installed, "letter", "show", "tidak-ada", db=db, home=home, user="gubernur",
                                     password="demo"), 2)
    finally:
        if backend == "postgresql":
            databases.drop(db)


def test_installed_desktop_app_runs_in_english(installed: dict[str, Path], tmp_path: Path) -> None:
    """The bundled Qt (plugins, QtPdf, QtCharts) and the translations: the app's screenshot tour, in English."""
    home, db = tmp_path / "home", f"sqlite:///{tmp_path / 'e.db'}"
    assert frozen(installed, "init", db=db, home=home).code == 0
    assert frozen(installed, "demo", db=db, home=home, timeout=300).code == 0
    shots = tmp_path / "shots"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("EOFFICE_")}, "EOFFICE_DB": db,
           "EOFFICE_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "EOFFICE_SCREENSHOTS": str(shots), "EOFFICE_SCREENSHOTS_ALL": "1", "EOFFICE_SCREENSHOT_USER": "gubernur",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    app = subprocess.run([str(installed["program"]), "--lang", "en"], capture_output=True, text=True, env=env,
                         timeout=180, check=False)
    assert app.returncode == 0, app.stderr
    assert "Traceback" not in app.stderr
    for name in ("00-login", "01-perlu-tanda-tangan", "03-verifikasi", "06-dasbor"):
        assert (shots / f"{name}.png").stat().st_size > 10_000, name


def test_uninstall_removes_what_install_put(installed: dict[str, Path], tmp_path: Path) -> None:
    prefix, data = tmp_path / ".local", tmp_path / "share"
    env = {**os.environ, "PREFIX": str(prefix), "XDG_DATA_HOME": str(data)}
    script = installed["package"] / "install.sh"
    assert subprocess.run(["bash", str(script)], env=env, capture_output=True, check=False).returncode == 0
    assert (prefix / "bin" / "eoffice").exists()
    assert subprocess.run(["bash", str(script), "--uninstall"], env=env, capture_output=True,
                          check=False).returncode == 0
    assert not (prefix / "bin" / "eoffice").exists() and not (prefix / "lib" / "eoffice").exists()
    assert not (data / "applications" / "eoffice.desktop").exists()
    shutil.rmtree(tmp_path, ignore_errors=True)
