"""Pelacakan for leaders: open items, overdue steps, and a chart of the average turnaround per stage kind."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain import stage_words
from eoffice.ui import text
from eoffice.ui.export import table_of, write_csv, write_pdf
from eoffice.ui.models import Column, FilterProxy, RowsModel
from eoffice.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front


def open_columns() -> list[Column]:
    red = "#b3261e"
    late = QCoreApplication.translate("Dashboard", "TERLAMBAT")
    return [
        Column(QCoreApplication.translate("Dashboard", "Hal"), lambda i: i["subject"]),
        Column(QCoreApplication.translate("Dashboard", "Tahap"),
               lambda i: stage_words(i["kind"], i.get("title"), text.STAGE_KIND)),
        Column(QCoreApplication.translate("Dashboard", "Di tangan"), lambda i: i["assignee"]),
        Column(QCoreApplication.translate("Dashboard", "Batas"), lambda i: (late + " " if i["overdue"] else "") + (
            text.datetime_text(i["due_at"]) if i["due_at"] else "-"),
               color=lambda i: red if i["overdue"] else None, bold=lambda i: i["overdue"],
               sort=lambda i: i["due_at"].isoformat() if i["due_at"] else "9999"),
    ]


def kpi(title: str) -> QLabel:
    label = QLabel(title)
    label.setStyleSheet("font-size:12pt;padding:8px 14px;border:1px solid #ccc;border-radius:6px;"
                        "background:#fafafa")
    return label


class Dashboard(QWidget):
    loaded = Signal()
    exported = Signal(str)  # the file written

    def __init__(self, backend: Front, actor: Actor, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend, self.actor, self.runner = backend, actor, runner
        self.data: dict[str, Any] | None = None
        title = QLabel(self.tr("Pelacakan dan Kinerja"))
        title.setStyleSheet("font-size:13pt;font-weight:bold")
        self.open_kpi = kpi(self.tr("Terbuka: {n}").format(n="-"))
        self.overdue_kpi = kpi(self.tr("Terlambat: {n}").format(n="-"))
        self.decided_kpi = kpi(self.tr("Langkah diputus: {n}").format(n="-"))
        kpis = QHBoxLayout()
        for w in (self.open_kpi, self.overdue_kpi, self.decided_kpi):
            kpis.addWidget(w)
        kpis.addStretch(1)
        self.csv_button, self.pdf_button = QPushButton(self.tr("Ekspor CSV")), QPushButton(self.tr("Ekspor PDF"))
        self.csv_button.clicked.connect(lambda: self.ask_export("csv"))
        self.pdf_button.clicked.connect(lambda: self.ask_export("pdf"))
        kpis.addWidget(self.csv_button)
        kpis.addWidget(self.pdf_button)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.model = RowsModel(open_columns(), self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = view = QTableView()
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.chart = QChart()
        self.chart.setTitle(self.tr("Rata-rata waktu penyelesaian per tahap ({unit})").format(unit=self.tr("jam")))
        self.chart.setLocalizeNumbers(True)  # axis labels in the user's number format
        self.chart.legend().setVisible(False)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(260)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(view)
        split.addWidget(self.chart_view)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addLayout(kpis)
        lay.addWidget(self.message)
        lay.addWidget(split, 1)
        self.refresh()

    def refresh(self) -> None:
        self.runner.submit(lambda: self.backend.dashboard(self.actor), self.show_data)

    def show_data(self, data: dict[str, Any]) -> None:
        self.data = data
        self.model.set_rows(data["open"])
        self.open_kpi.setText(self.tr("Terbuka: {n}").format(n=f"<b>{len(data['open'])}</b>"))
        self.overdue_kpi.setText(self.tr("Terlambat: {n}").format(n=f"<b style='color:#b3261e'>{data['overdue']}</b>"))
        self.decided_kpi.setText(self.tr("Langkah diputus: {n}").format(n=f"<b>{sum(data['decided'].values())}</b>"))
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        kinds = [k for k in text.STAGE_KIND if k in data["turnaround"]]
        in_minutes = max(data["turnaround"].values(), default=0) < 1
        scale, unit = (60.0, self.tr("menit")) if in_minutes else (1.0, self.tr("jam"))
        values = [data["turnaround"][k] * scale for k in kinds]
        self.chart.setTitle(self.tr("Rata-rata waktu penyelesaian per tahap ({unit})").format(unit=unit))
        bars = QBarSet(unit)
        for v in values:
            bars.append(round(v, 2))
        series = QBarSeries()
        series.append(bars)
        self.chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append([text.STAGE_KIND[k] for k in kinds])
        y = QValueAxis()
        y.setRange(0, max([1.0, *(v * 1.2 for v in values)]))
        y.setLabelFormat("%.1f")
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        self.loaded.emit()

    # --- export ----------------------------------------------------------------------------------

    def ask_export(self, fmt: str) -> None:
        label = "CSV (*.csv)" if fmt == "csv" else "PDF (*.pdf)"
        name = self.tr("dasbor") + f".{fmt}"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Ekspor Dasbor"), str(Path.home() / name), label)
        if path:
            (self.export_csv if fmt == "csv" else self.export_pdf)(Path(path))

    def export_csv(self, path: Path) -> None:
        """The open items as shown (the table's sort order), for Excel."""
        self._write(path, lambda: write_csv(path, *table_of(self.proxy)))

    def export_pdf(self, path: Path) -> None:
        """A4 landscape: the KPIs, the open items table and the turnaround chart."""
        QCoreApplication.sendPostedEvents()  # a chart filled just now lays itself out on posted events
        summary = "   ".join(re.sub(r"<[^>]+>", "", w.text())
                             for w in (self.open_kpi, self.overdue_kpi, self.decided_kpi))
        self._write(path, lambda: write_pdf(path, self.tr("Pelacakan dan Kinerja"), summary, *table_of(self.proxy),
                                            chart=self.chart_view))

    def _write(self, path: Path, write: Any) -> None:
        try:
            write()
        except OSError as exc:
            self.message.setText(self.tr("{path}: tidak dapat ditulis ({reason})").format(path=path, reason=exc.strerror or exc))
            self.message.setStyleSheet("color:#b3261e")
            return
        self.message.setText(self.tr("Diekspor: {path}").format(path=path))
        self.message.setStyleSheet("color:#1b7a34")
        self.exported.emit(str(path))
