"""The map page: Leaflet, the offline base map and our event layer, rendered once (with folium) and cached.

The page is then driven from Python (time, selection, filters) through ``TreatyMap`` in
``static/treaty_map.js``; it is never rebuilt for a state change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pathlib import Path

from explorer import __version__
from explorer.model.dataset import Dataset
from explorer.model.relations import RELATIONS
from explorer.webmap import page_cache
from explorer.webmap.assets import BASEMAP_DIR, BASEMAP_FILES, LEAFLET_DIR, STATIC_DIR


#: Marker colours by kind (also used by the timeline and the legends).
KIND_COLORS = {
    "treaty": "#c0392b",
    "conference": "#1f6fb2",
    "agreement": "#1e8449",
    "protocol": "#7d3c98",
    "declaration": "#d35400",
    "event": "#4d5656",
    "military": "#7b4b2a",
}
BASEMAP_ATTRIBUTION = "Base map: Natural Earth (public domain), present-day borders"
#: Above this many events, markers are drawn by one canvas layer (static/event_canvas.js), not a Leaflet layer
#: (SVG node) each: a date change at 1,000 events then costs about half. PDFs of such maps hold the markers as
#: an image; pass renderer="svg" for vector markers.
CANVAS_THRESHOLD = 800


@dataclass(frozen=True)
class PageOptions:
    """How to build the page: linked (served by the app) or inline (one self-contained file)."""

    inline: bool = False
    renderer: str = "auto"          # "svg", "canvas" or "auto" (canvas above CANVAS_THRESHOLD events)
    bridge: bool = True             # connect to Qt's QWebChannel when the page runs inside the app
    initial: dict | None = None     # state to apply on load: {"date", "selected", "center", "zoom", ...}


def page_data(dataset: Dataset) -> dict:
    """Everything the page needs about the dataset, as plain JSON-able data."""
    places = {}
    # Events without a place are on the timeline and in the details, not on the map; neither are their links.
    mapped = [e for e in dataset.events if e.place_id is not None]
    mapped_ids = {e.id for e in mapped}
    for event in mapped:
        place = dataset.place_of(event)
        places[place.id] = place
    for place in dataset.places.values():
        if place.capital:
            places[place.id] = place
    return {
        "title": dataset.title,
        "kinds": KIND_COLORS,
        "places": [{"id": p.id, "name": p.historical_name or p.name, "lat": p.lat, "lon": p.lon,
                    "capital": p.capital} for p in places.values()],
        # Compact rows keep a 10,000-event page small: [id, title, kind, start, last, place, parties, date label]
        "events": [[e.id, e.title, e.kind, e.start.isoformat(), e.last.isoformat(), e.place_id,
                    list(e.parties), e.date_label()] for e in mapped],
        "links": [[l.source_id, l.target_id, l.relation] for l in dataset.links
                  if l.source_id in mapped_ids and l.target_id in mapped_ids],
        "capitals": {party: place.id for party, place in dataset.capitals_by_party.items()},
        "relationLabels": RELATIONS,
        "translations": _title_translations(dataset),
    }


def _title_translations(dataset: Dataset) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for event in dataset.events:
        for language, texts in event.translations.items():
            if texts.get("title"):
                table.setdefault(language, {})[event.id] = texts["title"]
    return table


#: Stands in a cached template for the page's initial state, which differs from one load to the next.
_INITIAL_TOKEN = "@@treaty-map-initial-state@@"


def build_page(dataset: Dataset, options: PageOptions = PageOptions(), *, cache: bool = True) -> str:
    """Render the whole map page as HTML text (deterministic for the same dataset and options).

    The page is a template rendered once with folium and kept (``page_cache``), plus the initial state put
    in at the end, so a start or a reload with another date or selection costs no folium work.
    ``cache=False`` renders afresh (the benchmark's rebuild-and-reload recipe).
    """
    renderer = options.renderer
    if renderer == "auto":
        renderer = "canvas" if len(dataset.events) > CANVAS_THRESHOLD else "svg"
    bridge = options.bridge and not options.inline
    data = page_data(dataset)
    config = {"renderer": renderer, "bridge": bridge, "attribution": BASEMAP_ATTRIBUTION,
              "basemaps": [f"basemap-{name.split('.')[0]}" for name in BASEMAP_FILES], "initial": _INITIAL_TOKEN}
    template = None
    if cache:
        key = page_cache.cache_key([__version__, json.dumps(data, sort_keys=True), json.dumps(config),
                                    json.dumps(dataset.default_view.center), str(dataset.default_view.zoom),
                                    str(options.inline), str(options.bridge)], _page_sources())
        template = page_cache.get(key)
    if template is None:
        from explorer.webmap.folium_page import render_page

        template = render_page(data, config, center=dataset.default_view.center, zoom=dataset.default_view.zoom,
                               inline=options.inline, bridge=options.bridge)
        if cache:
            page_cache.put(key, template)
    token = json.dumps(_INITIAL_TOKEN)
    if template.count(token) != 1:
        raise RuntimeError("the map page template does not hold exactly one initial-state slot")
    return template.replace(token, _script_safe_json(_initial_config(dataset, options.initial)))


def _initial_config(dataset: Dataset, initial: dict | None) -> dict:
    """The state the page starts in (``TreatyMap.init`` reads it as ``config.initial``)."""
    initial = dict(initial or {})
    keep_view = bool(initial.get("center") and initial.get("zoom"))
    return {"date": initial.get("date") or dataset.default_view.date.isoformat(),
            "selected": initial.get("selected"), "windowDays": initial.get("window_days"),
            "kinds": initial.get("kinds"), "parties": initial.get("parties"),
            "language": initial.get("language", "en"),
            # An explicit centre/zoom wins over framing the selection (restored views, snapshots).
            "keepView": keep_view,
            "center": list(initial["center"]) if keep_view else None,
            "zoom": initial["zoom"] if keep_view else None,
            "caption": initial.get("caption")}   # a caption block (standalone snapshot pages)


def _script_safe_json(value) -> str:
    """JSON that is safe inside a <script> element (as Jinja's ``|tojson`` writes it)."""
    return (json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("'", "\\u0027"))


def _page_sources() -> list[Path]:
    """Every file whose content goes into a page template."""
    here = Path(__file__).resolve().parent
    return [here / "folium_page.py", here / "page.py", STATIC_DIR / "treaty_map.js", STATIC_DIR / "event_canvas.js",
            STATIC_DIR / "treaty_map.css", LEAFLET_DIR / "leaflet.js", LEAFLET_DIR / "leaflet.css",
            *(BASEMAP_DIR / name for name in BASEMAP_FILES)]

def initial_state_json(state) -> dict:
    """The parts of an ExplorerState a page needs to start in (used by snapshots and HTML export)."""
    return {"date": state.date.isoformat(), "selected": state.selected_id,
            "window_days": state.filters.window_days,
            "kinds": sorted(state.filters.kinds) or None, "parties": sorted(state.filters.parties) or None}


def js_call(function: str, *args) -> str:
    """A call to ``TreatyMap.<function>`` with JSON-encoded arguments (data never becomes code)."""
    return f"window.TreatyMap && window.TreatyMap.{function}({', '.join(json.dumps(a) for a in args)})"
