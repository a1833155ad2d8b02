"""Screenshots of the desktop window's search results, filter menus and export dialog (for docs/images/).

    python tools/desktop_screenshots.py --out-dir docs/images

Runs offscreen (no display needed). Pop-ups (the result list, menus) are windows of their own: each picture
is the main window with the pop-up painted where it opened.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu --log-level=3")


def shrink(path: Path) -> None:
    """Store a screenshot in 256 colours (a third of the size; text and map colours stay as they were)."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, required=True)
    parser.add_argument("--size", default="1400x900")
    parser.add_argument("--language", default="en")
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QPoint, QSettings, QTimer
    from PySide6.QtGui import QPainter
    from PySide6.QtTest import QTest

    from window_screenshot import open_window      # tools/window_screenshot.py
    from explorer.formats.startup import load_or_report
    from explorer.model.state import ExplorerState
    from explorer.qt.application import create_application
    from explorer.qt.web_context import WebContext
    from explorer.resources import DEFAULT_DATASET

    create_application()
    width, height = (int(v) for v in args.size.split("x"))
    dataset = load_or_report(DEFAULT_DATASET)
    state = ExplorerState(dataset, language=args.language)
    context = WebContext()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.language == "en" else f"-{args.language}"

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def save(window, popup, name: str) -> None:
        image = window.grab().toImage()
        if popup is not None and popup.isVisible():
            painter = QPainter(image)
            painter.drawPixmap(window.mapFromGlobal(popup.mapToGlobal(QPoint(0, 0))), popup.grab())
            painter.end()
        path = args.out_dir / f"{name}{suffix}.png"
        image.save(str(path))
        shrink(path)
        print(f"wrote {path}", file=sys.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("export/folder", str(Path.home()))
        window = open_window(state, context, settings, width, height)
        state.select("genoa-1922")
        window.map_view.grab_settled()
        window.search_box.start_indexing()
        while not window.search_box.is_ready:
            wait(50)

        # Search results: a name that is in the key points of one event and the signatories of others.
        box = window.search_box
        box.setFocus()
        QTest.keyClicks(box, "Chicherin" if args.language == "en" else "Tschitscherin")
        wait(300)
        save(window, box.completer_.popup(), "search-results")
        box.clear()
        QTest.keyClicks(box, "Rapalo")                  # a typo
        wait(300)
        save(window, box.completer_.popup(), "search-typo")
        box.close_results()
        box.clear()

        # The filter menus, opened as a click opens them.
        state.set_filters(parties=dataset.party_family("Soviet Union"))
        for button, name in ((window.filter_bar.kind_button, "filter-kinds"),
                             (window.filter_bar.party_button, "filter-parties")):
            menu = button.menu()
            QTimer.singleShot(400, lambda m=menu, n=name: (save(window, m, n), m.close()))
            button.showMenu()
        state.set_filters(parties=frozenset())

        # The export dialog over the window.
        window.open_export_dialog()
        dialog = window.export_dialog
        dialog.format_box.setCurrentIndex(dialog.format_box.findData("pdf"))
        dialog.size_box.setCurrentIndex(dialog.size_box.findData("A4 landscape"))
        wait(300)
        dialog.grab().save(str(args.out_dir / f"export-dialog{suffix}.png"))
        shrink(args.out_dir / f"export-dialog{suffix}.png")
        print(f"wrote {args.out_dir / f'export-dialog{suffix}.png'}", file=sys.stderr)
        dialog.reject()
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
