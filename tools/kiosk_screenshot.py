"""Render the kiosk offscreen on a screen of a given size and save a screenshot (docs/images/kiosk-*.png).

    python tools/kiosk_screenshot.py --size 1366x768 --language de --event rapallo-1922 \\
        --out docs/images/kiosk-1366x768-de.png [--text-scale 1.25] [--large-text] [--high-contrast] \\
        [--home] [--layout-report report.json]
    python tools/kiosk_screenshot.py --tour --event versailles-1919 --size 1920x1080 \
        --out docs/images/after-kiosk-versailles.png      # the attract tour at that stop

Runs with no display: Qt's offscreen platform, QtWebEngine without sandbox or GPU. The window is sized to the
screen as the kiosk's full-screen window would be; the picture is taken once the map has painted.
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
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--event", default="rapallo-1922")
    parser.add_argument("--home", action="store_true", help="the home screen (nothing selected) instead")
    parser.add_argument("--tour", action="store_true",
                        help="the attract tour at --event, as a passer-by sees it (its banner, its framing)")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--language", default="en")
    parser.add_argument("--text-scale", type=float, default=1.0)
    parser.add_argument("--large-text", action="store_true")
    parser.add_argument("--high-contrast", action="store_true")
    parser.add_argument("--layout-report", type=Path, default=None)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    import shiboken6
    from PySide6.QtCore import QEventLoop, QTimer

    from explorer.formats.startup import load_or_report
    from explorer.kiosk.config import KioskConfig
    from explorer.kiosk.interaction_log import InteractionLog
    from explorer.kiosk.qt.layout_report import layout_report, report_json
    from explorer.kiosk.qt.mode import prepare_context
    from explorer.kiosk.qt.window import KioskWindow
    from explorer.model.playback import ManualClock
    from explorer.model.state import ExplorerState
    from explorer.qt.application import create_application
    from explorer.qt.web_context import WebContext
    from explorer.resources import DEFAULT_DATASET

    app = create_application()
    width, height = (int(v) for v in args.size.lower().split("x"))
    dataset = load_or_report(args.data or DEFAULT_DATASET)
    if dataset is None:
        return 1
    context = WebContext()
    prepare_context(context)

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    with tempfile.TemporaryDirectory() as tmp:
        stops = (args.event,) if args.tour else ()
        config = KioskConfig(log_dir=Path(tmp), text_scale=args.text_scale, attract_events=stops,
                             language_default=args.language)
        window = KioskWindow(ExplorerState(dataset, language=args.language), config, context,
                             InteractionLog(Path(tmp)), clock=ManualClock(0.0))
        window.resize(width, height)
        window.show()
        for _ in range(300):
            if window.map_view.is_ready:
                break
            wait(100)
        if args.large_text:
            window.layout_.large_text_button.click()
        if args.high_contrast:
            window.layout_.contrast_button.click()
        if args.tour:
            window._on_tour_started()           # what the idle machine does after its quiet time
        elif not args.home:
            window.state.select(args.event)
        wait(1200)                          # the page's flight to the selection, and the widgets' paint
        window.map_view.grab_settled()
        wait(200)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(args.out))
        if args.layout_report is not None:
            args.layout_report.write_text(report_json(layout_report(window)), encoding="utf-8")
        window.shutdown()
        window.close()
        shiboken6.delete(window)
    shiboken6.delete(context)
    print(f"wrote {args.out}" if ok else f"could not write {args.out}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
