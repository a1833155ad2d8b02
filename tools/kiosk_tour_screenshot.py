"""Render the kiosk offscreen at an attract-tour stop (or at home) and save a screenshot.

    python tools/kiosk_tour_screenshot.py --event versailles-1919 --size 1920x1080 --out docs/images/kiosk.png

Runs with no display: Qt's offscreen platform, QtWebEngine without sandbox or GPU. The tour is started the
way the idle machine starts it, so the picture shows what a passer-by sees (the banner, the framing).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu --log-level=3")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--event", default="versailles-1919", help="the tour stop to show (none: home)")
    parser.add_argument("--language", default="en")
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    import shiboken6
    from PySide6.QtCore import QEventLoop, QTimer

    from explorer.kiosk.config import KioskConfig
    from explorer.kiosk.interaction_log import InteractionLog
    from explorer.kiosk.qt.window import KioskWindow
    from explorer.model import load_dataset
    from explorer.model.playback import ManualClock
    from explorer.model.state import ExplorerState
    from explorer.qt.application import create_application
    from explorer.qt.web_context import WebContext
    from explorer.resources import DEFAULT_DATASET

    create_application()
    width, height = (int(v) for v in args.size.lower().split("x"))
    dataset = load_dataset(DEFAULT_DATASET)
    context = WebContext()
    with tempfile.TemporaryDirectory() as tmp:
        stops = (args.event,) if args.event != "none" else ()
        config = KioskConfig(log_dir=Path(tmp) / "logs", attract_events=stops, language_default=args.language)
        window = KioskWindow(ExplorerState(dataset, language=args.language), config, context,
                             InteractionLog(config.log_dir), clock=ManualClock(1000.0))
        window.resize(width, height)
        window.show()
        loop = QEventLoop()
        window.map_view.ready.connect(loop.quit)
        QTimer.singleShot(30000, loop.quit)
        if not window.map_view.is_ready:
            loop.exec()
        if stops:
            window._on_tour_started()           # what the idle machine does after its quiet time
        # Let the page fly to the stop and the panels lay out at their new sizes.
        QTimer.singleShot(1500, loop.quit)
        loop.exec()
        window.map_view.grab_settled()
        QTimer.singleShot(300, loop.quit)
        loop.exec()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(args.out))
        window.shutdown()
        window.close()
    shiboken6.delete(window)
    shiboken6.delete(context)
    print(f"wrote {args.out}" if ok else f"could not write {args.out}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
