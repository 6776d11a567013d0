"""The UI language. Every string in eoffice/ui is written in Indonesian (the source language) and marked for
Qt's translation; English comes from resources/i18n/eoffice_en.qm (built by tools/i18n.sh).

The language is chosen by ``--lang``, else ``EOFFICE_LANG``, else the user's stored preference (QSettings
``ui/language``), else Indonesian, and installed before any widget is built. ``Translations`` holds the
translators installed in one application (no module-level state).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, Qt, QTranslator

DEFAULT = "id"
LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}  # each in its own language: never translated
SETTING = "ui/language"
MENU_TITLE = "Bahasa / Language"  # readable whatever language the UI is in
RESTART_NOTE = ("Bahasa akan berganti setelah aplikasi dibuka ulang.\n"
                "The language will change after the application is restarted.")
LOCALES = {"id": (QLocale.Language.Indonesian, QLocale.Country.Indonesia),
           "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom)}  # day month year, 24 h


def normalize(value: object) -> str | None:
    """'en', 'EN', 'en_US.UTF-8', 'id_ID' -> a key of LANGUAGES; anything else -> None."""
    code = str(value or "").strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    code = {"in": "id", "ind": "id", "eng": "en"}.get(code, code)
    return code if code in LANGUAGES else None


def chosen(settings: QSettings, requested: str | None = None,
           env: Mapping[str, str] = os.environ) -> str:
    """--lang, then EOFFICE_LANG, then the stored preference, then Indonesian."""
    for candidate in (requested, env.get("EOFFICE_LANG"), settings.value(SETTING)):
        code = normalize(candidate)
        if code is not None:
            return code
    return DEFAULT


def remember(settings: QSettings, language: str) -> None:
    settings.setValue(SETTING, language)
    settings.sync()


def translations_dir() -> Path:
    """``resources/i18n`` at the repository root, or next to the package when frozen (PyInstaller)."""
    here = Path(__file__).resolve()
    candidates = [here.parents[2] / "resources" / "i18n", here.parents[1] / "resources" / "i18n",
                  here.parents[3] / "resources" / "i18n"]
    return next((c for c in candidates if c.is_dir()), candidates[0])


def qt_translations_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


class Translations:
    """The translators of one application for the current language; ``use`` swaps them."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.language = DEFAULT
        self.loaded: list[Path] = []  # the .qm files in use
        self._installed: list[QTranslator] = []

    def use(self, language: str) -> str:
        """Install the translations for ``language`` (Indonesian needs none of ours) and Qt's own
        (``qtbase_<code>.qm`` from PySide6; Qt ships no qtbase_id, so resources/i18n/qtbase_id.qm covers the
        standard buttons and the text fields' context menu), and make its locale the default for dates and
        numbers. Returns the language in use."""
        code = normalize(language) or DEFAULT
        self.remove()
        # Qt's file dialogs, not the platform's: those speak the desktop's language, ours follow the app's
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
        QLocale.setDefault(QLocale(*LOCALES[code]))
        qt_file = f"qtbase_{code}.qm"
        files = [next((d / qt_file for d in (qt_translations_dir(), translations_dir()) if (d / qt_file).is_file()),
                      qt_translations_dir() / qt_file)]
        if code != DEFAULT:
            files.insert(0, translations_dir() / f"eoffice_{code}.qm")
        for path in files:
            translator = QTranslator(self.app)
            if path.is_file() and translator.load(str(path)) and self.app.installTranslator(translator):
                self._installed.append(translator)
                self.loaded.append(path)
        self.language = code
        return code

    def remove(self) -> None:
        for translator in self._installed:
            self.app.removeTranslator(translator)
            translator.deleteLater()
        self._installed, self.loaded = [], []
        self.language = DEFAULT
        QLocale.setDefault(QLocale(*LOCALES[DEFAULT]))
