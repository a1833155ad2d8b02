"""KioskMode: run the explorer as a museum exhibit (full screen, locked down, resetting itself)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from explorer import __version__
from explorer.kiosk import EXIT_REFUSED, EXIT_RENDERER, EXIT_STAFF
from explorer.qt.mode import Mode

REMOTE_DEBUG_FLAGS = ("--remote-debugging-port", "--remote-debugging-pipe", "--remote-debugging-address")


def remote_debugging_reason(environ=None, argv=None) -> str | None:
    """Why QtWebEngine would be remotely debuggable here (anyone on the network could script the
    exhibit), or None when it is not."""
    environ = os.environ if environ is None else environ
    argv = sys.argv if argv is None else argv
    if environ.get("QTWEBENGINE_REMOTE_DEBUGGING", "").strip():
        return "QTWEBENGINE_REMOTE_DEBUGGING is set"
    flags = environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    for flag in REMOTE_DEBUG_FLAGS:
        if flag in flags:
            return f"QTWEBENGINE_CHROMIUM_FLAGS contains {flag}"
        if any(arg == flag or arg.startswith(flag + "=") for arg in argv):
            return f"the command line contains {flag}"
    return None


def prepare_context(context) -> None:
    """Kiosk settings of the shared web profile: no HTTP cache (our pages and assets come from memory
    anyway; a cache would only grow with every reset's reload)."""
    from PySide6.QtWebEngineCore import QWebEngineProfile

    context.profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.NoCache)


class KioskMode(Mode):
    """The museum kiosk: loads and checks ``kiosk.toml``, refuses to run remotely debuggable, opens the
    kiosk window full screen on the primary screen and records how the app should exit."""

    name = "kiosk"

    def __init__(self, config_path: Path | None = None, state_dir: Path | None = None,
                 layout_report: Path | None = None, force: bool = False) -> None:
        self.config_path = Path(config_path) if config_path else None
        self.state_dir = state_dir
        self.layout_report = Path(layout_report) if layout_report else None
        self.force = force
        self.window = None
        self.log = None
        self.problems: list[str] = []

    def create_window(self, dataset, start_event=None, start_date=None):
        """The kiosk window, shown full screen; None (with ``exit_code`` set) when the kiosk must not start.
        ``start_event``/``start_date`` are ignored: a kiosk always starts at its configured home."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QApplication

        from explorer.kiosk.config import check_attract_events, load_config
        from explorer.kiosk.interaction_log import InteractionLog
        from explorer.kiosk.qt.window import KioskWindow
        from explorer.model.state import ExplorerState
        from explorer.qt.web_context import WebContext

        if self.layout_report is not None:
            from explorer.safe_write import TargetRefused, check_target

            try:
                check_target(self.layout_report, inputs=[p for p in (dataset.path, self.config_path) if p],
                             force=self.force)
            except TargetRefused as exc:
                print(f"explorer: error: {exc}", file=sys.stderr)
                self.exit_code = EXIT_REFUSED
                return None
        reason = remote_debugging_reason(argv=sys.argv + QApplication.arguments())
        if reason:
            print(f"explorer: error: refusing to start the kiosk: remote debugging of the web view is enabled "
                  f"({reason}); unset it for exhibition use", file=sys.stderr)
            self.exit_code = EXIT_REFUSED
            return None
        loaded = load_config(self.config_path, self.state_dir)
        config, dropped = check_attract_events(loaded.config, dataset)
        self.problems = loaded.problems + dropped
        self.log = InteractionLog(config.log_dir)
        self.log.write("kiosk_start", config_source=loaded.source, version=__version__,
                       dataset=dataset.path or dataset.title)
        for problem in self.problems:
            print(f"explorer: kiosk configuration: {problem}", file=sys.stderr)
            self.log.write("config_problem", message=problem)
        # Chromium reads its flags when the web engine starts (with the first profile, just below):
        # no browser pinch-zoom of the whole page; the map does its own pinch.
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--disable-pinch" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --disable-pinch").strip()

        state = ExplorerState(dataset, language=config.language_default)
        self.context = WebContext()
        prepare_context(self.context)
        window = KioskWindow(state, config, self.context, self.log)
        window.exit_requested.connect(self._on_exit_requested)
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.geometry())
        window.showFullScreen()
        QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
        window.start()
        self.window = window
        if self.layout_report is not None:
            from PySide6.QtCore import QTimer

            # Out of the ready signal's slot first: it is called from the page's channel, which must be free
            # to answer the painted check.
            window.map_view.ready.connect(lambda: QTimer.singleShot(0, self._write_layout_report))
            if window.map_view.is_ready:
                QTimer.singleShot(0, self._write_layout_report)
        return window

    def _write_layout_report(self) -> None:
        """Once the map has painted and the window with it: write the layout report, say what does not fit,
        and end the app (0 when everything fits, 1 otherwise)."""
        from PySide6.QtCore import QCoreApplication

        from explorer.kiosk.layout_check import layout_problems
        from explorer.kiosk.qt.layout_report import layout_report, report_json
        from explorer.safe_write import write_text_atomic

        window = self.window
        if window is None or getattr(self, "_reported", False):
            return
        self._reported = True
        window.map_view.wait_painted()
        QCoreApplication.processEvents()                  # the widgets' own layout and paint
        report = layout_report(window)
        try:
            write_text_atomic(self.layout_report, report_json(report))
        except OSError as exc:
            print(f"explorer: error: cannot write {self.layout_report}: {exc.strerror or exc}", file=sys.stderr)
            self._on_exit_requested(EXIT_REFUSED)
            return
        problems = layout_problems(report)
        for problem in problems:
            print(f"explorer: layout: {problem}", file=sys.stderr)
        width, height = report["screen"]
        print(f"explorer: wrote {self.layout_report} ({width}×{height}, {len(report['widgets'])} widgets, "
              f"{len(problems) or 'no'} problem{'' if len(problems) == 1 else 's'})", file=sys.stderr)
        self._on_exit_requested(1 if problems else 0)

    def _on_exit_requested(self, code: int) -> None:
        from PySide6.QtWidgets import QApplication

        self.exit_code = code
        if self.log is not None:
            reason = "layout_report" if self.layout_report is not None else \
                {EXIT_STAFF: "staff", EXIT_RENDERER: "renderer"}.get(code, "other")
            self.log.write("kiosk_exit", code=code, reason=reason)
        if self.window is not None:
            self.window.shutdown()
            self.window.close()
        QApplication.restoreOverrideCursor()
        QApplication.exit(code)
