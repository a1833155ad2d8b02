"""The tools a folium user would reach for instead of this app, built on the same data and base map: for
the benchmark's side-by-side run (free of Qt).

- ``folium.plugins.Timeline`` with its ``TimelineSlider`` (Leaflet.timeline), and
- ``folium.plugins.TimestampedGeoJson`` (Leaflet.TimeDimension),

each rendered by folium as a user would, with their JavaScript taken from npm (installed on first use into
a cache folder, never committed, never from a CDN) and served under the app's scheme with our Leaflet and
base map. Every event is a circle of its kind's colour, shown from its first day on (as ours: "all events
up to the date"). Leaflet.TimeDimension drops times before 1970 and compares them as text, so its times
are shifted by :data:`TIME_DIMENSION_SHIFT_DAYS` (1900 becomes 2004), the same shift for every event.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

from explorer.model.dataset import Dataset
from explorer.model.kinds import KIND_COLORS
from explorer.webmap.assets import BASEMAP_FILES, SCHEME_ROOT, read_basemap

#: npm packages (name@version, as folium 0.20 names them) -> the files of each a page needs.
NPM_PACKAGES = {
    "leaflet.timeline@1.6.0": ["dist/leaflet.timeline.js"],
    "moment@2.18.1": ["min/moment.min.js"],
    "leaflet-timedimension@1.1.1": ["dist/leaflet.timedimension.min.js",
                                    "dist/leaflet.timedimension.control.css"],
    "iso8601-js-period@0.2.1": ["iso8601.js"],
    "jquery@3.7.1": ["dist/jquery.min.js"],
}
#: Days added to every time given to Leaflet.TimeDimension (1900-01-01 becomes 2004-01-01).
TIME_DIMENSION_SHIFT_DAYS = (dt.date(2004, 1, 1) - dt.date(1900, 1, 1)).days
PEER_ROOT = "peer/"
DAY_MS = 86_400_000
_EPOCH = dt.date(1970, 1, 1)


def npm_cache_dir() -> Path:
    """Where the peers' npm packages are installed: ``$EXPLORER_NPM_CACHE``, else beside the page cache."""
    explicit = os.environ.get("EXPLORER_NPM_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "treaty-explorer" / "npm"


def _package_dir(root: Path, spec: str) -> Path:
    return root / "node_modules" / spec.rsplit("@", 1)[0]


def peer_files(install: bool = True) -> dict[str, Path]:
    """URL path (below the scheme root) -> file, for every peer script and style; installed with npm into
    the cache first if missing. RuntimeError saying why when npm is missing or fails."""
    root = npm_cache_dir()
    missing = [spec for spec, files in NPM_PACKAGES.items()
               if not all((_package_dir(root, spec) / f).is_file() for f in files)]
    if missing:
        if not install:
            raise RuntimeError(f"npm packages not installed in {root}: {', '.join(missing)}")
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is not installed: the folium plugins' JavaScript comes from npm")
        root.mkdir(parents=True, exist_ok=True)
        run = subprocess.run([npm, "install", "--prefix", str(root), "--no-save", "--no-audit", "--no-fund",
                              "--ignore-scripts", "--legacy-peer-deps", *NPM_PACKAGES],
                             capture_output=True, text=True, timeout=300)
        if run.returncode != 0:
            raise RuntimeError(f"npm install failed: {run.stderr.strip()[-300:]}")
    files = {}
    for spec, names in NPM_PACKAGES.items():
        for name in names:
            path = _package_dir(root, spec) / name
            if not path.is_file():
                raise RuntimeError(f"{spec} has no {name}")
            files[f"{PEER_ROOT}{spec.rsplit('@', 1)[0]}/{name}"] = path
    return files


def _url(package: str, name: str) -> str:
    return f"{SCHEME_ROOT}{PEER_ROOT}{package}/{name}"


def day_ms(day: dt.date, shift_days: int = 0) -> int:
    """Milliseconds since 1970 of a day's midnight (UTC), shifted by ``shift_days``."""
    return ((day - _EPOCH).days + shift_days) * DAY_MS


def _base_map(dataset: Dataset, title: str):
    """A folium map on the dataset's view with our Leaflet and base map (no tiles, no CDN)."""
    import folium

    view = dataset.default_view
    fmap = folium.Map(location=list(view.center), zoom_start=view.zoom, tiles=None)
    fmap._id = "peer"
    fmap.default_js = [("leaflet", SCHEME_ROOT + "static/leaflet/leaflet.js")]
    fmap.default_css = [("leaflet_css", SCHEME_ROOT + "static/leaflet/leaflet.css")]
    for name in BASEMAP_FILES:
        folium.GeoJson(read_basemap(name), style_function=lambda _feature: {
            "color": "#8f8672", "weight": 0.6, "fillColor": "#f2ede1", "fillOpacity": 1}).add_to(fmap)
    fmap.get_root().title = title
    return fmap


def _points(dataset: Dataset):
    """(event, place) for every event with a place."""
    for event in dataset.events:
        place = dataset.place_of(event)
        if place is not None:
            yield event, place


def timeline_page(dataset: Dataset) -> str:
    """``folium.plugins.Timeline`` + ``TimelineSlider``: each event from its first day to the dataset's end.
    The page's JavaScript names: ``timeline_peer`` (the layer), ``timeline_slider_peer`` (the control)."""
    from folium.plugins import Timeline, TimelineSlider
    from folium.utilities import JsCode

    fmap = _base_map(dataset, "folium.plugins.Timeline")
    end = day_ms(dataset.last_date + dt.timedelta(days=1))
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                 "properties": {"start": day_ms(e.start), "end": end, "color": KIND_COLORS.get(e.kind, "#555"),
                                # The id, not the title: folium renders what it is given as a Jinja template a
                                # second time, so no dataset text goes in (ids are [a-z0-9-] by the loader).
                                "id": e.id}} for e, p in _points(dataset)]
    layer = Timeline({"type": "FeatureCollection", "features": features}, point_to_layer=JsCode(
        "function (feature, latlng) { return L.circleMarker(latlng, {radius: 6, weight: 1, color: '#333',"
        " fillColor: feature.properties.color, fillOpacity: 0.9}); }"))
    layer._id = "peer"
    slider = TimelineSlider(auto_play=False, enable_keyboard_controls=False, show_ticks=False,
                            date_options="YYYY-MM-DD")
    slider._id = "peer"
    for plugin in (layer, slider):
        plugin.default_js = [("timeline", _url("leaflet.timeline", "dist/leaflet.timeline.js")),
                             ("moment", _url("moment", "min/moment.min.js"))]
    layer.add_to(fmap)
    slider.add_timelines(layer).add_to(fmap)
    return fmap.get_root().render()


def timestamped_page(dataset: Dataset) -> str:
    """``folium.plugins.TimestampedGeoJson``: every event at its (shifted) first day, all earlier ones shown
    (no duration). The map's JavaScript name is ``map_peer``; its time is ``map_peer.timeDimension``.

    folium also lists jQuery UI, which its control does not use; the only jQuery UI of that version on npm
    is CommonJS modules a page cannot load, so it is left out (the page then loads less than folium's)."""
    from folium.plugins import TimestampedGeoJson

    fmap = _base_map(dataset, "folium.plugins.TimestampedGeoJson")
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                 "properties": {"times": [day_ms(e.start, TIME_DIMENSION_SHIFT_DAYS)], "icon": "circle",
                                "iconstyle": {"radius": 6, "weight": 1, "color": "#333", "fillOpacity": 0.9,
                                              "fillColor": KIND_COLORS.get(e.kind, "#555")}}}
                for e, p in _points(dataset)]
    plugin = TimestampedGeoJson({"type": "FeatureCollection", "features": features}, auto_play=False,
                                loop=False, period="P1D", add_last_point=False, date_options="YYYY-MM-DD")
    plugin.default_js = [
        ("jquery3.7.1", _url("jquery", "dist/jquery.min.js")),
        ("iso8601", _url("iso8601-js-period", "iso8601.js")),
        ("leaflet.timedimension", _url("leaflet-timedimension", "dist/leaflet.timedimension.min.js")),
        ("moment", _url("moment", "min/moment.min.js")),
    ]
    plugin.default_css = [("leaflet.timedimension_css",
                           _url("leaflet-timedimension", "dist/leaflet.timedimension.control.css"))]
    plugin.add_to(fmap)
    return fmap.get_root().render()


#: JavaScript put into a loaded peer page: a frame stamp as ours (one pixel in the top-left corner carries a
#: change number as its colour) and one function per peer that sets its date and stamps the change.
PEER_DRIVER = """
(function () {
  var stamp = document.createElement("div");
  stamp.style.cssText = "position:fixed;left:0;top:0;width:1px;height:1px;z-index:100000;pointer-events:none";
  document.body.appendChild(stamp);
  function paint(serial) {
    stamp.style.background = "rgb(" + ((serial >> 16) & 255) + "," + ((serial >> 8) & 255) + "," + (serial & 255) + ")";
  }
  window.__peerSerial = 0;
  window.__peerSet = function (kind, ms) {
    var serial = ++window.__peerSerial;
    if (kind === "timeline") {
      timeline_slider_peer.setTime(ms);
      paint(serial);
    } else {
      // Leaflet.TimeDimension updates its layers on its "timeload" event: stamp after they have.
      map_peer.timeDimension.once("timeload", function () { paint(serial); });
      map_peer.timeDimension.setCurrentTime(ms);
    }
    return serial;
  };
  window.__peerShown = function () {
    var count = 0;
    map_peer.eachLayer(function (l) { if (l instanceof L.CircleMarker) count++; });
    return count;
  };
  paint(0);
  return true;
})()
"""


def peer_driver_json(kind: str, ms: int) -> str:
    """The call that sets a peer page's date (``kind`` "timeline" or "timedimension")."""
    return f"window.__peerSet({json.dumps(kind)}, {int(ms)})"
