"""The part of ``explorer doctor`` that needs Qt, run in a process of its own (``python -m
explorer.qt.doctor_probe``) so that a Qt that cannot load, or aborts, only fails this probe: it starts the
application off screen, loads a small page in QtWebEngine (which starts the ``QtWebEngineProcess`` helper) and
runs a line of JavaScript in it, and looks at the fonts Qt finds. It prints one JSON object on stdout."""

from __future__ import annotations

import json
import os
import sys

#: How long the page may take to load and answer before QtWebEngine counts as not working.
PAGE_TIMEOUT_MS = 30_000
#: Letters the interface needs in both of its languages (German umlauts and sharp s, typographic quotes).
NEEDED_LETTERS = "AaÄäÖöÜüß–„“…"


def _fonts() -> dict:
    from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics

    families = QFontDatabase.families()
    font = QFont()
    metrics = QFontMetrics(font)
    return {"families": len(families), "default": QFontInfo(font).family(),
            "missing_letters": "".join(ch for ch in NEEDED_LETTERS if not metrics.inFontUcs4(ord(ch)))}


def _webengine(app) -> dict:
    from PySide6.QtCore import QLibraryInfo, QTimer
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile

    helper = os.environ.get("QTWEBENGINEPROCESS_PATH") or os.path.join(
        QLibraryInfo.path(QLibraryInfo.LibraryPath.LibraryExecutablesPath), "QtWebEngineProcess")
    result = {"process": helper, "process_found": os.path.isfile(helper), "ok": False, "error": None}
    profile = QWebEngineProfile()             # off the record: the probe leaves nothing on disk
    page = QWebEnginePage(profile)

    def on_answer(value):
        result["ok"] = value == 2
        if not result["ok"]:
            result["error"] = f"the page answered {value!r} instead of 2"
        app.quit()

    def on_loaded(ok: bool):
        if not ok:
            result["error"] = "a local page did not load"
            app.quit()
        else:
            page.runJavaScript("1 + 1", 0, on_answer)

    def on_timeout():
        result["error"] = f"no answer from the web renderer within {PAGE_TIMEOUT_MS // 1000} s"
        app.quit()

    def on_renderer_gone(status, code):
        result["error"] = f"the web renderer process ended ({status.name}, exit code {code})"
        app.quit()

    page.loadFinished.connect(on_loaded)
    page.renderProcessTerminated.connect(on_renderer_gone)
    QTimer.singleShot(PAGE_TIMEOUT_MS, on_timeout)
    page.setHtml("<!doctype html><title>doctor</title><p>Treaty Explorer</p>")
    app.exec()
    del page
    del profile
    return result


def probe() -> dict:
    """Start Qt off screen and report what works: Qt's version, QtWebEngine, fonts."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        from explorer.qt.application import create_application
    except ImportError as exc:
        return {"import_error": str(exc)}
    report = {"pyside6": pyside_version, "qt": qVersion()}
    try:
        import PySide6.QtWebEngineCore  # noqa: F401  (its own libraries are the ones most often missing)
    except ImportError as exc:
        report["webengine"] = {"ok": False, "error": str(exc), "import_error": True}
        return report
    app = create_application()
    report["fonts"] = _fonts()
    report["webengine"] = _webengine(app)
    return report


def main() -> int:
    """Print the probe's report as one JSON object."""
    sys.stdout.write(json.dumps(probe()) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
