"""The composition root: creates the QApplication, picks the mode and builds its window (mu's ``app.py``).

Nothing below this module imports it; the command line (``explorer.cli``) calls :func:`run` once the dataset
is open and the start options are checked, or :func:`show_problems` when a start from the desktop menu
(``--gui-errors``) meets a dataset that does not open. Before Qt is touched, :func:`window_can_start` checks
that a window can open here at all, so a user reads one line of advice instead of Qt's plugin dump.
"""

from __future__ import annotations

import sys
from pathlib import Path


def mode_for(args):
    """The mode the command line asks for: the kiosk with ``--kiosk``, else the desktop."""
    if getattr(args, "kiosk", False):
        from explorer.kiosk.qt.mode import KioskMode

        return KioskMode(getattr(args, "config", None), layout_report=getattr(args, "layout_report", None),
                         force=getattr(args, "force", False))
    from explorer.desktop.qt.mode import DesktopMode

    return DesktopMode()


def window_can_start() -> bool:
    """Whether Qt can open a window here (a display, and the platform plugin's system libraries); if not,
    print why and what to do (``explorer doctor``'s advice) on one line."""
    from explorer.doctor_system import start_problem

    problem = start_problem()
    if problem:
        print(f"explorer: error: {problem}", file=sys.stderr)
    return problem is None


def _application():
    """The QApplication, or None after one line of advice when Qt's own libraries (QtWebEngine's above all)
    cannot be loaded."""
    from explorer.doctor_system import import_error_advice

    try:
        from explorer.qt.application import create_application

        return create_application()
    except ImportError as exc:
        print(f"explorer: error: {import_error_advice(exc)}", file=sys.stderr)
        return None


def run(dataset, args) -> int:
    """Open the mode's window on ``dataset`` and run until it closes; the mode's exit code or Qt's."""
    if not window_can_start():
        return 2
    app = _application()
    if app is None:
        return 2
    from explorer.model.dates import parse_day

    mode = mode_for(args)
    window = mode.create_window(dataset, start_event=args.event,
                                start_date=parse_day(args.date) if args.date else None)
    if window is None:
        return mode.exit_code
    code = app.exec()
    return mode.exit_code if mode.exit_code is not None else code


def _interface_language() -> str:
    """German for a German desktop, else English (the languages the interface has). Qt's default locale is
    the system's (``LANG``) unless the app set another."""
    from PySide6.QtCore import QLocale

    return "de" if QLocale().name().startswith("de") else "en"


def _install_qt_translations(app, language: str) -> None:
    """Qt's own translations (its standard buttons: Close, Cancel ...) in ``language``, from PySide6."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translator = QTranslator(app)
    if translator.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)


def show_problems(path, report, opened: bool) -> bool:
    """Show what is wrong with the dataset at ``path`` in a dialog (``explorer.qt.problems_dialog``) and wait
    until it is closed: for a start from the desktop menu, where nobody reads stderr. ``opened`` says whether
    the dataset opened without the items that have problems (the window follows) or not at all. False when no
    window can be shown here (the problems are on stderr already)."""
    if not window_can_start():
        return False
    app = _application()
    if app is None:
        return False
    from explorer.model.i18n import tr
    from explorer.qt.problems_dialog import ProblemsDialog

    language = _interface_language()
    if language != "en":
        _install_qt_translations(app, language)
    summary = tr(language, "problems_opened" if opened else "problems_not_opened", file=str(path))
    # The summary names the whole path; each line then starts with the file's name only, so that what is
    # wrong is in view rather than scrolled off to the right behind a long folder name.
    folder = str(path)[: -len(Path(path).name)]
    lines = [line[len(folder):] if folder and line.startswith(folder) else line
             for line in report.problem_lines(notes=False)]
    dialog = ProblemsDialog(tr(language, "problems_title"), summary, lines)
    dialog.exec()
    return True
