"""Where the page's files come from: Leaflet from the xstatic-leaflet package, the base map and our script."""

from __future__ import annotations

from pathlib import Path

import xstatic.pkg.leaflet as xleaflet

from explorer.resources import ASSETS_DIR

STATIC_DIR = Path(__file__).resolve().parent / "static"
LEAFLET_DIR = Path(xleaflet.BASE_DIR)
BASEMAP_DIR = ASSETS_DIR / "basemap"
BASEMAP_FILES = ("world-110m.geojson", "countries-50m-europe.geojson")
#: The root of the app's URL scheme, from which linked pages load everything.
SCHEME_ROOT = "explorer://app/"
#: Our scripts, in load order (after Leaflet).
SCRIPTS = ("event_shapes.js", "event_marks.js", "event_canvas.js", "treaty_map.js", "tm_layers.js", "tm_selection.js", "tm_labels.js", "tm_caption.js")
#: Where ``explorer.webmap.page`` puts a page's JSON blocks (boot configuration, and inline data).
DATA_SLOT = "<!--treaty-map-data-slot-->"

#: URL path (below the app's scheme root) -> file on disk. Nothing outside this table is ever served.
def served_files() -> dict[str, Path]:
    """Every file the page may load, by its URL path."""
    files = {
        "static/leaflet/leaflet.js": LEAFLET_DIR / "leaflet.js",
        "static/leaflet/leaflet.css": LEAFLET_DIR / "leaflet.css",
        "static/treaty_map.css": STATIC_DIR / "treaty_map.css",
    }
    files.update({f"static/{name}": STATIC_DIR / name for name in SCRIPTS})
    for image in (LEAFLET_DIR / "images").glob("*.png"):
        files[f"static/leaflet/images/{image.name}"] = image
    for name in BASEMAP_FILES:
        files[f"basemap/{name}"] = BASEMAP_DIR / name
    return files


def read_basemap(name: str) -> str:
    """The text of a shipped base-map GeoJSON file (FileNotFoundError names the file if it is missing)."""
    return (BASEMAP_DIR / name).read_text(encoding="utf-8")
