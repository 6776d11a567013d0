"""The verification panel on an exported signed PDF; admin: route templates, users, models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.ui.helpers import TIMEOUT, main_window, wait_idle


def test_verification_panel_on_exported_signed_pdf(qtbot: Any, backend: Any, runner: Any, qsettings: Any,
                                                   tmp_path: Path) -> None:
    from eoffice.ui.verify import VerifyPanel

    staf = backend.login("staf.kominfo", "demo")
    signed_row = next(r for r in backend.letter_list(staf) if r.status == "dispatched")
    pdf, signed = backend.pdf(staf, signed_row.id)
    assert signed
    path = tmp_path / "signed.pdf"
    path.write_bytes(pdf)
    panel = VerifyPanel(backend, runner)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.verified, timeout=TIMEOUT) as ok:
        panel.verify_file(path)
    assert ok.args[0].ok
    rows = panel.model.rowCount()
    assert rows >= 2  # the reviewers' paraf signatures, then the TTE
    assert all(panel.model.index(i, 7).data() == "SAH" for i in range(rows))
    assert all(panel.model.index(i, 4).data() == "ya" for i in range(rows))  # trusted through the DB's root
    assert "SAH" in panel.result.text()
    tampered = bytearray(pdf)
    at = tampered.find(b"Penyampaian")
    if at < 0:
        at = len(tampered) // 3
    tampered[at] ^= 0x01
    with qtbot.waitSignal(panel.verified, timeout=TIMEOUT) as bad:
        panel.verify_bytes(bytes(tampered), "diubah.pdf")
    assert not bad.args[0].ok
    assert "TIDAK SAH" in panel.result.text()
    wait_idle(qtbot, runner)


def test_admin_imports_a_route_template(qtbot: Any, qtmodeltester: Any, backend: Any, runner: Any,
                                        qsettings: Any, tmp_path: Path) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "admin")
    assert "admin" in w.nav_items
    w.select_view("admin")
    panel = w.page_widgets["admin"]
    qtbot.waitUntil(lambda: panel.templates.rowCount() > 0, timeout=TIMEOUT)
    for model in (panel.users, panel.units, panel.templates, panel.certs):
        qtmodeltester.check(model)
    before = panel.templates.rowCount()
    out = tmp_path / "nota.yaml"
    with qtbot.waitSignal(panel.changed, timeout=TIMEOUT):
        panel.export_to("nota_dinas", out)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    data["name"] = "nota_dinas_cepat"
    data["unit_code"] = "DISKOMINFO"
    data["stages"] = [s for s in data["stages"] if s["kind"] != "approve"]
    data["stages"].insert(1, {**data["stages"][0], "name": "paraf_kasi_lain", "order": data["stages"][0]["order"]})
    with qtbot.waitSignal(panel.loaded, timeout=TIMEOUT):
        panel.import_text(yaml.safe_dump(data))
    assert "diimpor" in panel.message.text()
    assert panel.templates.rowCount() == before + 1
    new = next(t for t in panel.templates.rows if t["name"] == "nota_dinas_cepat")
    panel.show_template(new)
    qtmodeltester.check(panel.stages)
    assert panel.stages.index(0, 0).data().endswith("(paralel)")
    panel.import_text("stages: [")
    qtbot.waitUntil(lambda: "YAML" in panel.message.text(), timeout=TIMEOUT)
    wait_idle(qtbot, runner)


def test_admin_adds_a_unit_and_delegation(qtbot: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    from PySide6.QtWidgets import QDateEdit, QLineEdit

    w = main_window(qtbot, backend, runner, qsettings, "admin")
    w.select_view("admin")
    panel = w.page_widgets["admin"]
    qtbot.waitUntil(lambda: panel.units.rowCount() > 0, timeout=TIMEOUT)
    before = panel.units.rowCount()
    dlg = panel.add_unit()
    code, name = dlg.findChildren(QLineEdit)[:2]
    code.setText("UPTD-TIK")
    name.setText("UPTD Pusat Data")
    with qtbot.waitSignal(panel.loaded, timeout=TIMEOUT):
        dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    assert panel.units.rowCount() == before + 1
    dlg = panel.delegate()
    qtbot.waitUntil(lambda: dlg.to.count() > 0, timeout=TIMEOUT)
    assert [dlg.capacity.itemData(i) for i in range(dlg.capacity.count())] == ["Plh.", "Plt.", "a.n.", "u.b."]
    starts, ends = dlg.findChildren(QDateEdit)
    ends.setDate(starts.date().addDays(3))
    with qtbot.waitSignal(panel.changed, timeout=TIMEOUT) as changed:
        dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    assert changed.args[0] == "delegation"
    assert "dibuat" in panel.message.text()
    wait_idle(qtbot, runner)


def test_dashboard_for_leaders(qtbot: Any, qtmodeltester: Any, backend: Any, runner: Any, qsettings: Any) -> None:
    w = main_window(qtbot, backend, runner, qsettings, "kepala.kominfo")
    w.select_view("dashboard")
    dash = w.page_widgets["dashboard"]
    qtbot.waitUntil(lambda: dash.data is not None, timeout=TIMEOUT)
    assert dash.model.rowCount() == len(dash.data["open"]) > 0
    qtmodeltester.check(dash.model)
    stages = [str(dash.model.index(r, 1).data()) for r in range(dash.model.rowCount())]
    assert not any("_" in s for s in stages) and any(s.startswith("Paraf Kepala") for s in stages), stages
    assert dash.chart.series()  # the turnaround chart has its bars
    assert "Terbuka" in dash.open_kpi.text()
    with qtbot.waitSignal(dash.loaded, timeout=TIMEOUT):
        w.refresh()
    wait_idle(qtbot, runner)


def test_admin_revokes_a_certificate_with_the_ca_passphrase(qtbot: Any, backend: Any, runner: Any,
                                                            qsettings: Any) -> None:
    from PySide6.QtWidgets import QComboBox, QLineEdit

    from eoffice.services.demo_letters import DEMO_SECRET

    w = main_window(qtbot, backend, runner, qsettings, "admin")
    w.select_view("admin")
    panel = w.page_widgets["admin"]
    qtbot.waitUntil(lambda: panel.users.rowCount() > 0, timeout=TIMEOUT)
    dlg = panel.cert_action("revoke")
    combo = dlg.findChild(QComboBox)
    combo.setCurrentIndex(combo.findData("staf.kominfo"))
    passphrase, reason = dlg.findChildren(QLineEdit)
    passphrase.setText("salah")
    dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: bool(dlg.error.text()), timeout=TIMEOUT)
    passphrase.setText(DEMO_SECRET)
    reason.setText("kunci hilang")
    with qtbot.waitSignal(panel.changed, timeout=TIMEOUT):
        dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    assert "dicabut" in panel.message.text()
    qtbot.waitUntil(lambda: any(c["login"] == "staf.kominfo" and c["revoked"] for c in panel.certs.rows),
                    timeout=TIMEOUT)
    assert "Joko Supriyanto" in panel.message.text() and "staf.kominfo" not in panel.message.text()
    owners = [str(panel.certs.index(r, 0).data()) for r in range(panel.certs.rowCount())]
    assert "staf.kominfo" not in owners and any(o.startswith("Joko Supriyanto") for o in owners)  # names, not logins
    roles = {str(panel.certs.index(r, 1).data()) for r in range(panel.certs.rowCount())}
    assert "Pengguna" in roles and not roles & {"user", "root", "issuing", "request"}, roles  # words, not codes
    wait_idle(qtbot, runner)


def test_dashboard_exports_csv_and_pdf(qtbot: Any, backend: Any, runner: Any, qsettings: Any,
                                       tmp_path: Path) -> None:
    from pypdf import PdfReader

    w = main_window(qtbot, backend, runner, qsettings, "kepala.kominfo")
    w.select_view("dashboard")
    dash = w.page_widgets["dashboard"]
    qtbot.waitUntil(lambda: dash.data is not None, timeout=TIMEOUT)
    csv_path, pdf_path = tmp_path / "dasbor.csv", tmp_path / "dasbor.pdf"
    with qtbot.waitSignal(dash.exported, timeout=TIMEOUT):
        dash.export_csv(csv_path)
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "Hal,Tahap,Di tangan,Batas"
    assert len(lines) == 1 + len(dash.data["open"])
    assert any(dash.data["open"][0]["subject"] in line for line in lines[1:])
    with qtbot.waitSignal(dash.exported, timeout=TIMEOUT):
        dash.export_pdf(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    reader = PdfReader(str(pdf_path))
    assert len(reader.pages) >= 1
    assert "Pelacakan dan Kinerja" in " ".join(reader.pages[0].extract_text().split())
    assert "Diekspor" in dash.message.text()
    dash.export_csv(tmp_path / "tidak-ada" / "x.csv")
    assert "tidak dapat ditulis" in dash.message.text()
    wait_idle(qtbot, runner)


def test_the_verifier_takes_a_scanned_qr_code(qtbot: Any, backend: Any, runner: Any) -> None:
    from eoffice.ui.verify import VerifyPanel

    staf = backend.login("staf.kominfo", "demo")
    signed_row = next(r for r in backend.letter_list(staf) if r.status == "dispatched")
    panel = VerifyPanel(backend, runner, actor=staf)
    qtbot.addWidget(panel)
    for ref in (f"https://verifikasi.kaltimprov.go.id/v/{signed_row.id}", f"EOFFICE:{signed_row.id}:{'0' * 64}"):
        panel.qr.setText(ref)
        with qtbot.waitSignal(panel.verified, timeout=TIMEOUT) as ok:
            panel.verify_ref()
        assert ok.args[0].ok
    panel.qr.setText("https://contoh.id/bukan-kode")
    panel.verify_ref()
    assert "Bukan kode QR" in panel.result.text()
    wait_idle(qtbot, runner)


def test_admin_sees_failed_logins_by_name(qtbot: Any, qtmodeltester: Any, backend: Any, runner: Any,
                                          qsettings: Any) -> None:
    import pytest

    from eoffice.domain import EofficeError

    for login in ("gubernur", "tidak.ada"):
        with pytest.raises(EofficeError):
            backend.login(login, "sandi-keliru")
    governor = next(u.name for u in backend.users() if u.login == "gubernur")
    w = main_window(qtbot, backend, runner, qsettings, "admin")
    w.select_view("admin")
    panel = w.page_widgets["admin"]
    qtbot.waitUntil(lambda: panel.logins.rowCount() >= 2, timeout=TIMEOUT)
    qtmodeltester.check(panel.logins)
    accounts = [panel.logins.index(i, 1).data() for i in range(panel.logins.rowCount())]
    assert accounts[:2] == ["(nama tidak dikenal)", governor]  # newest first, names not logins
    when = panel.logins.index(0, 0).data()
    assert any(month in when for month in ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt",
                                           "Nov", "Des")), when
    wait_idle(qtbot, runner)
