"""Render the app icon's PNG sizes from its SVG drawing (explorer/assets/icon/treaty-explorer.svg), with
Qt's SVG renderer, for the desktop entry's hicolor icons and the window icon.

    python tools/make_icon.py            # writes treaty-explorer-16.png ... -256.png beside the SVG
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from explorer.resources import ICON_SIZES, icon_png, icon_svg  # noqa: E402


def render(size: int) -> QImage:
    """The icon at ``size`` × ``size`` pixels, antialiased, on a transparent background."""
    renderer = QSvgRenderer(str(icon_svg()))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    """Write every size; print what was written."""
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts and image plugins need it)
    for size in ICON_SIZES:
        render(size).save(str(icon_png(size)), "PNG")
        print(f"wrote {icon_png(size)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
