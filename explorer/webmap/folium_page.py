"""The folium half of the map page: Leaflet, the offline base map and our event layer, rendered to HTML.

Imported only when a page template is not in the cache (``explorer.webmap.page``): folium and its
dependencies take about a quarter of a second to import.
"""

from __future__ import annotations

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from explorer.webmap.assets import BASEMAP_FILES, LEAFLET_DIR, STATIC_DIR, read_basemap

SCHEME_ROOT = "explorer://app/"
MAP_ID = "treaty_map"


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


def render_page(data: dict, config: dict, *, center, zoom: float, inline: bool, bridge: bool) -> str:
    """The whole page as HTML: folium's map at ``center``/``zoom`` with ``TreatyLayer(data, config)``.

    ``inline`` puts Leaflet, our script and styles into the page (a standalone file); otherwise they are
    linked from the app's URL scheme, with Qt's QWebChannel script when ``bridge`` is set.
    """
    fmap = folium.Map(location=list(center), zoom_start=zoom, tiles=None,
                      prefer_canvas=config["renderer"] == "canvas", control_scale=True, zoom_control=True,
                      attribution_control=True, min_zoom=2, max_zoom=11, world_copy_jump=False)
    fmap._id = MAP_ID  # fixed ids: the same state renders the same HTML
    fmap._name = "Map"
    # folium's asset lists are class attributes shared by every map: give this map its own lists.
    fmap.default_js, fmap.default_css = [], []
    header = fmap.get_root().header
    if inline:
        header.add_child(Element(f"<style>{_inline_file(LEAFLET_DIR / 'leaflet.css')}</style>"), name="leaflet_css")
        header.add_child(Element(f"<style>{_inline_file(STATIC_DIR / 'treaty_map.css')}</style>"), name="treaty_css")
        for name, path in (("leaflet_js", LEAFLET_DIR / "leaflet.js"),
                           ("event_canvas_js", STATIC_DIR / "event_canvas.js"),
                           ("treaty_js", STATIC_DIR / "treaty_map.js")):
            header.add_child(Element(f"<script>{_inline_file(path)}</script>"), name=name)
    else:
        fmap.default_css = [("leaflet_css", SCHEME_ROOT + "static/leaflet/leaflet.css"),
                            ("treaty_css", SCHEME_ROOT + "static/treaty_map.css")]
        fmap.default_js = [("leaflet", SCHEME_ROOT + "static/leaflet/leaflet.js"),
                           ("event_canvas", SCHEME_ROOT + "static/event_canvas.js"),
                           ("treaty_map", SCHEME_ROOT + "static/treaty_map.js")]
        if bridge:
            fmap.default_js.append(("qwebchannel", "qrc:///qtwebchannel/qwebchannel.js"))
    for name in BASEMAP_FILES:
        header.add_child(_JsonBlock(f"basemap-{name.split('.')[0]}", read_basemap(name)), name=f"basemap_{name}")
    fmap.add_child(TreatyLayer(data, config))
    return fmap.get_root().render()
