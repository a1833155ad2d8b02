"""Render the explorer window offscreen and save a screenshot (the README picture is made with this).

    python tools/window_screenshot.py --event rapallo-1922 --size 1600x1000 --out docs/images/window-rapallo.png

Runs with no display: Qt's offscreen platform, QtWebEngine without sandbox or GPU.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu --log-level=3")


def open_window(state, context, settings, width: int, height: int):
    """The main window at ``width`` × ``height`` (the map three tenths narrower than the window, the details
    beside it), shown, once its map page is ready (or 30 s have passed); the map frames without animation."""
    from PySide6.QtCore import QEventLoop, QTimer

    from explorer.desktop.qt.main_window import MainWindow

    window = MainWindow(state, context, settings, restore=False)
    window.map_view.animate = False
    window.resize(width, height)
    window.show()
    loop = QEventLoop()
    window.map_view.ready.connect(loop.quit)
    QTimer.singleShot(30000, loop.quit)
    if not window.map_view.is_ready:
        loop.exec()
    window.side_splitter.setSizes([width * 7 // 10, width * 3 // 10])
    return window


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--event", default="rapallo-1922", help="the event to select ('none': no selection)")
    parser.add_argument("--date", default=None, help="YYYY-MM-DD: the date to show (after selecting)")
    parser.add_argument("--language", default="en")
    parser.add_argument("--size", default="1600x1000")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    import shiboken6
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from explorer.formats.startup import load_or_report
    from explorer.resources import DEFAULT_DATASET
    from explorer.model.state import ExplorerState
    from explorer.qt.application import create_application
    from explorer.qt.web_context import WebContext

    app = create_application()
    width, height = (int(v) for v in args.size.lower().split("x"))
    dataset = load_or_report(args.data or DEFAULT_DATASET)     # any format explorer --data opens
    if dataset is None:
        return 1
    state = ExplorerState(dataset)
    context = WebContext()
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = open_window(state, context, settings, width, height)
        loop = QEventLoop()
        import datetime as dt

        with state.batch():
            state.set_language(args.language)
            if args.event != "none":
                state.select(args.event)
            if args.date:
                state.set_date(dt.date.fromisoformat(args.date))
        window.map_view.grab_settled()
        QTimer.singleShot(300, loop.quit)  # let the details panel and the timeline repaint at their new sizes
        loop.exec()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(args.out))
        window.close()
    # Pages before their profile, or QtWebEngine warns at exit.
    shiboken6.delete(window)
    shiboken6.delete(context)
    print(f"wrote {args.out}" if ok else f"could not write {args.out}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
