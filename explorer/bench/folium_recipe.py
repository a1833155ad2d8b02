"""The usual folium-in-Qt recipe, as the benchmark's baseline: for every change of date, build a folium map
with one marker per event shown, render it, and load the page again.

Built as a user of folium would build it, but offline: the same Leaflet files and base map as our page (so
the comparison is of the method, not of the network), one ``folium.CircleMarker`` with a tooltip per event
up to the date, markers coloured by kind.
"""

from __future__ import annotations

import datetime as dt

import folium

from explorer.model.dataset import Dataset
from explorer.webmap.assets import BASEMAP_FILES, read_basemap
from explorer.webmap.folium_page import SCHEME_ROOT
from explorer.webmap.page import KIND_COLORS


def recipe_page(dataset: Dataset, date: dt.date) -> str:
    """The whole page for ``date``, rebuilt from scratch as the recipe does on every change."""
    view = dataset.default_view
    fmap = folium.Map(location=list(view.center), zoom_start=view.zoom, tiles=None)
    # Offline: our local Leaflet instead of folium's CDN lists (on this map only, not the shared class lists).
    fmap.default_js = [("leaflet", SCHEME_ROOT + "static/leaflet/leaflet.js")]
    fmap.default_css = [("leaflet_css", SCHEME_ROOT + "static/leaflet/leaflet.css")]
    for name in BASEMAP_FILES:
        folium.GeoJson(read_basemap(name), style_function=lambda _feature: {
            "color": "#8f8672", "weight": 0.6, "fillColor": "#f2ede1", "fillOpacity": 1}).add_to(fmap)
    for event in dataset.events:
        place = dataset.place_of(event)
        if event.start > date or place is None:
            continue
        folium.CircleMarker([place.lat, place.lon], radius=6, color="#333", weight=1, fill=True,
                            fill_color=KIND_COLORS.get(event.kind, "#555"), fill_opacity=0.9,
                            tooltip=event.title).add_to(fmap)
    return fmap.get_root().render()
