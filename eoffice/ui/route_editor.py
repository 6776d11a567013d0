"""Edit a route template (stages: add, remove, move, change) and save it as a new version."""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from eoffice.ui import text
from eoffice.ui.admin import FormDialog, condition_text, table
from eoffice.ui.assignees import AssigneePicker, Assignees
from eoffice.ui.models import Column, RowsModel
from eoffice.ui.tasks import TaskRunner, as_text
from eoffice.ui.text import QT_TRANSLATE_NOOP, error_label

if TYPE_CHECKING:
    from eoffice.services.auth import Actor
    from eoffice.ui.front import Front

translate = QCoreApplication.translate
CONDITION_FIELDS = {"": QT_TRANSLATE_NOOP("admin", "(tanpa kondisi)"), "classification": QT_TRANSLATE_NOOP("admin", "klasifikasi"),
                    "urgency": QT_TRANSLATE_NOOP("admin", "sifat"), "kind": QT_TRANSLATE_NOOP("admin", "jenis")}
CONDITION_OPS = {"eq": "=", "ne": "≠", "in": QT_TRANSLATE_NOOP("admin", "salah satu dari")}


def stage_columns(names: Assignees) -> list[Column]:
    everyone = translate("admin", "semua")
    return [Column(translate("admin", "Urutan"), lambda s: s["order"]), Column(translate("admin", "Tahap"), lambda s: s["name"]),
            Column(translate("admin", "Jenis"), lambda s: text.STAGE_KIND.get(s["kind"], s["kind"])),
            Column(translate("admin", "Petugas"), lambda s: names.labels(s["assignees"])),
            Column(translate("admin", "Kuorum"), lambda s: s.get("quorum") or everyone),
            Column(translate("admin", "SLA (jam)"), lambda s: s.get("sla_hours")),
            Column(translate("admin", "Kondisi"), lambda s: condition_text(s.get("condition")))]


def renumber(stages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Orders become 1..n in list order; neighbours that shared an order (a parallel group) still do."""
    out, last, n = [], None, 0
    for s in stages:
        if s["order"] != last:
            n += 1
            last = s["order"]
        out.append({**s, "order": n})
    return out


class StageDialog(FormDialog):
    """One stage: name, kind, assignees, quorum, SLA, order (equal order = parallel), condition."""

    def __init__(self, stage: dict[str, Any], names: Assignees, parent: QWidget | None = None) -> None:
        self.name = QLineEdit(stage.get("name", ""))
        self.kind = QComboBox()
        for k, label in text.STAGE_KIND.items():
            self.kind.addItem(label, k)
        self.kind.setCurrentIndex(max(self.kind.findData(stage.get("kind", "paraf")), 0))
        self.assignees = AssigneePicker(names, stage.get("assignees", []))
        self.quorum = QSpinBox()
        self.quorum.setRange(0, 50)
        self.quorum.setSpecialValueText(translate("admin", "semua"))
        self.quorum.setValue(stage.get("quorum") or 0)
        self.sla = QSpinBox()
        self.sla.setRange(1, 24 * 90)
        self.sla.setValue(stage.get("sla_hours") or 24)
        self.order = QSpinBox()
        self.order.setRange(1, 99)
        self.order.setValue(stage.get("order", 1))
        cond = stage.get("condition") or {}
        self.cond_field, self.cond_op = QComboBox(), QComboBox()
        for k, label in CONDITION_FIELDS.items():
            self.cond_field.addItem(translate("admin", label), k)
        for k, label in CONDITION_OPS.items():
            self.cond_op.addItem(translate("admin", label), k)
        self.cond_field.setCurrentIndex(max(self.cond_field.findData(cond.get("field", "")), 0))
        self.cond_op.setCurrentIndex(max(self.cond_op.findData(cond.get("op", "eq")), 0))
        value = cond.get("value", "")
        self.cond_value = QLineEdit(", ".join(value) if isinstance(value, list) else str(value))
        self.allow_forward = QCheckBox(self.tr("Boleh diteruskan"))
        self.allow_forward.setChecked(bool(stage.get("allow_forward")))
        self.base = dict(stage)
        super().__init__(self.tr("Tahap rute"), [
            (self.tr("Nama tahap"), self.name), (self.tr("Jenis"), self.kind), (self.tr("Petugas"), self.assignees),
            (self.tr("Kuorum"), self.quorum), (self.tr("SLA (jam)"), self.sla),
            (self.tr("Urutan (sama = paralel)"), self.order),
            (self.tr("Kondisi: bidang"), self.cond_field), (self.tr("Kondisi: operator"), self.cond_op),
            (self.tr("Kondisi: nilai"), self.cond_value), ("", self.allow_forward)], parent)
        self.buttons.accepted.connect(self._ok)
        self.setMinimumWidth(600)

    def _ok(self) -> None:
        if not self.name.text().strip() or not self.value()["assignees"]:
            self.error.setText(self.tr("Nama tahap dan petugas wajib diisi"))
            return
        self.accept()

    def value(self) -> dict[str, Any]:
        field, op = self.cond_field.currentData(), self.cond_op.currentData()
        raw = self.cond_value.text()
        cond = None
        if field:
            cond = {"field": field, "op": op,
                    "value": [v.strip() for v in raw.split(",") if v.strip()] if op == "in" else raw.strip()}
        return {**self.base, "name": self.name.text().strip(), "kind": self.kind.currentData(),
                "assignees": self.assignees.chosen(),
                "quorum": self.quorum.value() or None, "sla_hours": self.sla.value(), "order": self.order.value(),
                "condition": cond, "allow_forward": self.allow_forward.isChecked()}


class TemplateEditor(QDialog):
    """The stages of one template; "Simpan sebagai Versi Baru" imports the edited template (version + 1)."""

    saved = Signal(str, int)  # name, version

    def __init__(self, backend: Front, actor: Actor, runner: TaskRunner, template: dict[str, Any],
                 parent: QWidget | None = None, names: Assignees | None = None) -> None:
        super().__init__(parent)
        self.backend, self.actor, self.runner = backend, actor, runner
        self.names = names or Assignees()
        self.definition = copy.deepcopy(template["definition"])
        self.setWindowTitle(self.tr("Ubah Templat Rute: {name} (versi {version})").format(
            name=text.route_name(self.definition["name"]), version=template["version"]))
        self.resize(980, 560)
        self.stage_dialog: StageDialog | None = None
        self.model = RowsModel(stage_columns(self.names), self)
        self.model.set_rows(sorted(self.definition["stages"], key=lambda s: s["order"]))
        self.view, _ = table(self.model, proxy=False)
        self.view.doubleClicked.connect(lambda _i: self.edit_stage())
        self.description = QLineEdit(self.definition.get("description", ""))
        self.description.setPlaceholderText(self.tr("Keterangan templat"))
        bar = QHBoxLayout()
        for label, fn in ((self.tr("Tambah Tahap..."), self.add_stage), (self.tr("Ubah Tahap..."), self.edit_stage),
                          (self.tr("Hapus Tahap"), self.remove_stage), (self.tr("Naik"), lambda: self.move_stage(-1)),
                          (self.tr("Turun"), lambda: self.move_stage(1))):
            b = QPushButton(label)
            b.clicked.connect(fn)
            bar.addWidget(b)
        bar.addStretch(1)
        self.error = error_label()
        self.save_button = QPushButton(self.tr("Simpan sebagai Versi Baru"))
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("Batal"))
        cancel.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(cancel)
        lay = QVBoxLayout(self)
        lay.addWidget(self.description)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        lay.addLayout(bottom)

    @property
    def stages(self) -> list[dict[str, Any]]:
        return list(self.model.rows)

    def current_row(self) -> int:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _set(self, stages: list[dict[str, Any]], select: int | dict[str, Any]) -> None:
        """*select*: a row, or the stage itself, selected wherever its order put it (the selection follows it)."""
        self.model.set_rows(stages)
        row = next((i for i, s in enumerate(stages) if s is select), -1) if isinstance(select, dict) else select
        if 0 <= row < len(stages):
            self.view.selectRow(row)

    def _ask(self, stage: dict[str, Any], then: Any) -> StageDialog:
        dlg = StageDialog(stage, self.names, self)
        dlg.accepted.connect(lambda: then(dlg.value()))
        self.stage_dialog = dlg
        dlg.open()
        return dlg

    def add_stage(self) -> StageDialog:
        stages = self.stages
        at = self.current_row() + 1 if self.current_row() >= 0 else len(stages)
        order = stages[at - 1]["order"] + 1 if at > 0 else 1

        def insert(stage: dict[str, Any]) -> None:
            rest = [{**s, "order": s["order"] + 1} if i >= at else s for i, s in enumerate(stages)]
            self._set(sorted([*rest[:at], stage, *rest[at:]], key=lambda s: s["order"]), stage)

        return self._ask({"name": "", "kind": "paraf", "assignees": [], "order": order, "sla_hours": 24,
                          "quorum": None, "condition": None, "allow_forward": False}, insert)

    def edit_stage(self) -> StageDialog | None:
        row = self.current_row()
        if row < 0:
            self.error.setText(self.tr("Pilih tahap yang akan diubah"))
            return None
        stages = self.stages

        def replace(stage: dict[str, Any]) -> None:
            stages[row] = stage
            self._set(sorted(stages, key=lambda s: s["order"]), stage)

        return self._ask(stages[row], replace)

    def remove_stage(self) -> None:
        row = self.current_row()
        if row >= 0:
            stages = self.stages
            del stages[row]
            self._set(stages, min(row, len(stages) - 1))

    def move_stage(self, step: int) -> None:
        """Swap the stage with its neighbour (their orders too, so a parallel pair stays a pair)."""
        row = self.current_row()
        other = row + step
        stages = self.stages
        if row < 0 or not 0 <= other < len(stages):
            return
        a, b = stages[row], stages[other]
        stages[row], stages[other] = {**b, "order": a["order"]}, {**a, "order": b["order"]}
        self._set(stages, other)

    def result_definition(self) -> dict[str, Any]:
        return {**self.definition, "description": self.description.text().strip(),
                "stages": renumber(self.stages)}

    def save(self) -> None:
        source = json.dumps(self.result_definition(), ensure_ascii=False)  # JSON is YAML too

        def done(result: tuple[str, int]) -> None:
            self.accept()
            self.saved.emit(*result)

        self.error.setText("")
        self.runner.submit(lambda: self.backend.import_template(self.actor, source), done, as_text(self.error.setText))
