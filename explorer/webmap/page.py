"""Build the map page with folium: Leaflet, the offline base map and our event layer, rendered once.

The page is then driven from Python (time, selection, filters) through ``TreatyMap`` in
``static/treaty_map.js``; it is never rebuilt for a state change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from explorer.model.dataset import Dataset
from explorer.model.relations import RELATIONS
from explorer.webmap.assets import BASEMAP_FILES, LEAFLET_DIR, STATIC_DIR, read_basemap

SCHEME_ROOT = "explorer://app/"
MAP_ID = "treaty_map"

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
    for event in dataset.events:
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
                    list(e.parties), e.date_label()] for e in dataset.events],
        "links": [[l.source_id, l.target_id, l.relation] for l in dataset.links],
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


class _JsonBlock(Element):
    """A ``<script type="application/json">`` block: data the page reads with JSON.parse."""

    def __init__(self, block_id: str, json_text: str) -> None:
        super().__init__()
        # "</" cannot appear inside a script element; JSON allows the escaped form.
        self._template = Template(
            '<script type="application/json" id="{{ block_id }}">{{ text|safe }}</script>')
        self.block_id, self.text = block_id, json_text.replace("</", "<\\/")

    def render(self, **kwargs) -> str:
        return self._template.render(block_id=self.block_id, text=self.text)


class TreatyLayer(MacroElement):
    """Our one map feature: base map, places and events, driven by ``TreatyMap`` in the page."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            window.TreatyMap.init({{ this._parent.get_name() }}, {{ this.data|tojson }},
                                  {{ this.config|tojson }});
        {% endmacro %}
    """)

    def __init__(self, data: dict, config: dict) -> None:
        super().__init__()
        self._name = "TreatyLayer"
        self._id = "treaty_layer"
        self.data, self.config = data, config


def _inline_file(path) -> str:
    return path.read_text(encoding="utf-8").replace("</script", "<\\/script")


def build_page(dataset: Dataset, options: PageOptions = PageOptions()) -> str:
    """Render the whole map page as HTML text (deterministic for the same dataset and options)."""
    view = dataset.default_view
    initial = dict(options.initial or {})
    renderer = options.renderer
    if renderer == "auto":
        renderer = "canvas" if len(dataset.events) > CANVAS_THRESHOLD else "svg"
    fmap = folium.Map(location=list(initial.get("center") or view.center), zoom_start=initial.get("zoom") or view.zoom,
                      tiles=None, prefer_canvas=renderer == "canvas", control_scale=True, zoom_control=True,
                      attribution_control=True, min_zoom=2, max_zoom=11, world_copy_jump=False)
    fmap._id = MAP_ID  # fixed ids: the same state renders the same HTML
    fmap._name = "Map"
    # folium's asset lists are class attributes shared by every map: give this map its own lists.
    fmap.default_js, fmap.default_css = [], []
    header = fmap.get_root().header
    if options.inline:
        header.add_child(Element(f"<style>{_inline_file(LEAFLET_DIR / 'leaflet.css')}</style>"), name="leaflet_css")
        header.add_child(Element(f"<style>{_inline_file(STATIC_DIR / 'treaty_map.css')}</style>"), name="treaty_css")
        header.add_child(Element(f"<script>{_inline_file(LEAFLET_DIR / 'leaflet.js')}</script>"), name="leaflet_js")
        header.add_child(Element(f"<script>{_inline_file(STATIC_DIR / 'event_canvas.js')}</script>"),
                         name="event_canvas_js")
        header.add_child(Element(f"<script>{_inline_file(STATIC_DIR / 'treaty_map.js')}</script>"), name="treaty_js")
    else:
        fmap.default_css = [("leaflet_css", SCHEME_ROOT + "static/leaflet/leaflet.css"),
                            ("treaty_css", SCHEME_ROOT + "static/treaty_map.css")]
        fmap.default_js = [("leaflet", SCHEME_ROOT + "static/leaflet/leaflet.js"),
                           ("event_canvas", SCHEME_ROOT + "static/event_canvas.js"),
                           ("treaty_map", SCHEME_ROOT + "static/treaty_map.js")]
        if options.bridge:
            fmap.default_js.append(("qwebchannel", "qrc:///qtwebchannel/qwebchannel.js"))
    for name in BASEMAP_FILES:
        header.add_child(_JsonBlock(f"basemap-{name.split('.')[0]}", read_basemap(name)), name=f"basemap_{name}")
    config = {
        "renderer": renderer,
        "bridge": options.bridge and not options.inline,
        "attribution": BASEMAP_ATTRIBUTION,
        "basemaps": [f"basemap-{name.split('.')[0]}" for name in BASEMAP_FILES],
        "initial": {"date": initial.get("date") or view.date.isoformat(), "selected": initial.get("selected"),
                    "windowDays": initial.get("window_days"), "kinds": initial.get("kinds"),
                    "parties": initial.get("parties"), "language": initial.get("language", "en"),
                    # An explicit centre/zoom wins over framing the selection (restored views, snapshots).
                    "keepView": bool(initial.get("center") and initial.get("zoom")),
                    "caption": initial.get("caption")},   # a caption block (standalone snapshot pages)
    }
    fmap.add_child(TreatyLayer(page_data(dataset), config))
    html = fmap.get_root().render()
    return html


def initial_state_json(state) -> dict:
    """The parts of an ExplorerState a page needs to start in (used by snapshots and HTML export)."""
    return {"date": state.date.isoformat(), "selected": state.selected_id,
            "window_days": state.filters.window_days,
            "kinds": sorted(state.filters.kinds) or None, "parties": sorted(state.filters.parties) or None}


def js_call(function: str, *args) -> str:
    """A call to ``TreatyMap.<function>`` with JSON-encoded arguments (data never becomes code)."""
    return f"window.TreatyMap && window.TreatyMap.{function}({', '.join(json.dumps(a) for a in args)})"
