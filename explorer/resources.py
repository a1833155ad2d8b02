"""Files the app ships inside its package (dataset, base map, border and page assets), found with
``importlib.resources`` so that a wheel install finds them as well as a source checkout does."""

from __future__ import annotations

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
