"""Files the app ships inside its package (dataset, base map, border and page assets, the kiosk example, the
icon), found with ``importlib.resources`` so that a wheel install (pip, pipx, uv) finds them as well as a
source checkout does. ``pyproject.toml``'s package-data patterns put them in the wheel, and
``tests/test_install.py`` checks that every file tracked under ``explorer/`` is there."""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path


def package_file(*parts: str) -> Path:
    """The path of a file shipped in the ``explorer`` package, e.g. ``package_file("data", "interwar.json")``.

    The package is installed as plain files (never zipped: ``zip-safe`` is off), so the path is a real one
    that can be opened, served and stat'ed."""
    return Path(str(files("explorer").joinpath(*parts)))


#: The shipped interwar dataset.
DEFAULT_DATASET = package_file("data", "interwar.json")
#: Generated map data (base map, period borders), each with its licence and source beside it.
ASSETS_DIR = package_file("assets")
#: A complete, commented kiosk configuration (``explorer kiosk-example`` prints it).
KIOSK_EXAMPLE = package_file("kiosk", "kiosk.example.toml")
#: The application icon: one SVG drawing and PNG renders of it (``tools/make_icon.py``).
ICON_DIR = package_file("assets", "icon")
#: The icon's name in icon themes and the desktop entry's file name (without ``.desktop``).
APP_ID = "treaty-explorer"
#: The pixel sizes the icon is rendered at (hicolor theme folders ``NxN/apps``).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def icon_svg() -> Path:
    """The scalable icon."""
    return ICON_DIR / f"{APP_ID}.svg"


def icon_png(size: int) -> Path:
    """The icon rendered at ``size`` × ``size`` pixels (one of :data:`ICON_SIZES`)."""
    return ICON_DIR / f"{APP_ID}-{size}.png"


def helper_command(program: str, *args: str) -> list[str]:
    """How to run ``program`` (Python source of ours, never data) in a helper process: this Python, isolated
    (no user site, no PYTHONPATH, not the working folder), or a frozen bundle's executable, which answers
    ``-c`` like Python and takes no other flag (``tools/build_bundle.py``)."""
    flags = [] if getattr(sys, "frozen", False) else ["-I"]
    return [sys.executable, *flags, "-c", program, *args]
