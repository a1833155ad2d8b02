"""Where the page's files come from: Leaflet from the xstatic-leaflet package, the base map, the period
borders and our scripts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet

from explorer.resources import ASSETS_DIR

STATIC_DIR = Path(__file__).resolve().parent / "static"
LEAFLET_DIR = Path(xleaflet.BASE_DIR)
BASEMAP_DIR = ASSETS_DIR / "basemap"
BORDERS_DIR = ASSETS_DIR / "borders"


@dataclass(frozen=True)
class MapLayer:
    """One GeoJSON file the page draws: what it is (``role``), the zooms it is drawn at, and whether the
    page loads it at start (``eager``) or the first time it is needed (the 1:10m files: megabytes the
    usual views never need)."""

    file: str
    role: str                  # "world", "land", "countries", "borders" (period), "border-lines" (present)
    min_zoom: int = 0
    max_zoom: int = 99
    eager: bool = True

    @property
    def folder(self) -> Path:
        return BORDERS_DIR if self.role == "borders" else BASEMAP_DIR

    @property
    def url_path(self) -> str:
        return f"{'borders' if self.role == 'borders' else 'basemap'}/{self.file}"

    @property
    def stem(self) -> str:
        return self.file.split(".")[0]


#: The map's layers, bottom first. The 1:50m land and present-day countries give way to 1:10m from zoom 7.
MAP_LAYERS = (
    MapLayer("world-110m.geojson", "world"),
    MapLayer("land-50m-europe.geojson", "land", max_zoom=6),
    MapLayer("land-10m-europe.geojson", "land", min_zoom=7, eager=False),
    MapLayer("borders-1918-1941.geojson", "borders"),
    MapLayer("countries-50m-europe.geojson", "countries", max_zoom=6),
    MapLayer("borders-10m-europe.geojson", "border-lines", min_zoom=7, eager=False),
)
#: The layers a page loads before it draws (a standalone page carries only these, inline).
EAGER_LAYERS = tuple(layer for layer in MAP_LAYERS if layer.eager)
#: The present-day base map at small scales (what the benchmark's folium recipe draws beneath its markers).
BASEMAP_FILES = ("world-110m.geojson", "countries-50m-europe.geojson")

#: The root of the app's URL scheme, from which linked pages load everything.
SCHEME_ROOT = "explorer://app/"
#: Our scripts, in load order (after Leaflet).
SCRIPTS = ("event_shapes.js", "event_marks.js", "event_canvas.js", "treaty_map.js", "tm_layers.js", "tm_labels.js",
           "tm_basemap.js", "tm_borders.js", "tm_crowds.js", "tm_selection.js", "tm_framing.js", "tm_place_labels.js",
           "tm_legend.js", "tm_caption.js", "tm_hover.js", "tm_layout.js", "tm_display.js")
#: Where ``explorer.webmap.page`` puts a page's JSON blocks (boot configuration, and inline data).
DATA_SLOT = "<!--treaty-map-data-slot-->"


def served_files() -> dict[str, Path]:
    """Every file the page may load, by its URL path below the scheme root. Nothing else is ever served."""
    files = {
        "static/leaflet/leaflet.js": LEAFLET_DIR / "leaflet.js",
        "static/leaflet/leaflet.css": LEAFLET_DIR / "leaflet.css",
        "static/treaty_map.css": STATIC_DIR / "treaty_map.css",
    }
    files.update({f"static/{name}": STATIC_DIR / name for name in SCRIPTS})
    for image in (LEAFLET_DIR / "images").glob("*.png"):
        files[f"static/leaflet/images/{image.name}"] = image
    for layer in MAP_LAYERS:
        files[layer.url_path] = layer.folder / layer.file
    return files


def read_layer(layer: MapLayer) -> str:
    """The text of a shipped map layer (FileNotFoundError names the file if it is missing)."""
    return (layer.folder / layer.file).read_text(encoding="utf-8")


def read_basemap(name: str) -> str:
    """The text of a shipped base-map GeoJSON file (FileNotFoundError names the file if it is missing)."""
    return read_layer(next(layer for layer in MAP_LAYERS if layer.file == name))
