"""The folium half of the map page: Leaflet's map and the script that starts ours, rendered to an HTML template.

The template holds **no dataset text at all**: branca renders a macro's output a second time as a Jinja
template (``branca/element.py``), so anything a dataset wrote into a template would be evaluated. The page
reads its data after templating, from JSON blocks or from the app's URL scheme (``explorer.webmap.page``).

Imported only when a template is not in the cache: folium and its dependencies take about a quarter of a
second to import.
"""

from __future__ import annotations

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from explorer.webmap.assets import DATA_SLOT, LEAFLET_DIR, SCHEME_ROOT, SCRIPTS, STATIC_DIR

MAP_ID = "treaty_map"


class TreatyLayer(MacroElement):
    """Our one map feature: starts ``TreatyMap`` on folium's Leaflet map. Everything else it needs it reads
    from the page's ``tm-boot`` JSON block, so this template never sees a dataset."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            window.TreatyMap.start({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "TreatyLayer"
        self._id = "treaty_layer"


def _inline_file(path) -> str:
    return path.read_text(encoding="utf-8").replace("</script", "<\\/script").replace("</style", "<\\/style")


def render_template(*, inline: bool, bridge: bool) -> str:
    """The page as an HTML template with one ``DATA_SLOT`` where the JSON blocks go.

    ``inline`` puts Leaflet, our script and styles into the page (a standalone file); otherwise they are
    linked from the app's URL scheme, with Qt's QWebChannel script when ``bridge`` is set. The map starts at
    a neutral view; ``TreatyMap.start`` sets the dataset's view from the boot block.
    """
    fmap = folium.Map(location=[0, 0], zoom_start=2, tiles=None, control_scale=True, zoom_control=True,
                      attribution_control=True, min_zoom=2, max_zoom=11, world_copy_jump=False)
    fmap._id = MAP_ID  # fixed ids: the same options render the same HTML
    fmap._name = "Map"
    # folium's asset lists are class attributes shared by every map: give this map its own lists.
    fmap.default_js, fmap.default_css = [], []
    header = fmap.get_root().header
    if not inline:
        fmap.default_css = [("leaflet_css", SCHEME_ROOT + "static/leaflet/leaflet.css"),
                            ("treaty_css", SCHEME_ROOT + "static/treaty_map.css")]
        fmap.default_js = [("leaflet", SCHEME_ROOT + "static/leaflet/leaflet.js")]
        fmap.default_js += [(name, SCHEME_ROOT + "static/" + name) for name in SCRIPTS]
        if bridge:
            fmap.default_js.append(("qwebchannel", "qrc:///qtwebchannel/qwebchannel.js"))
    header.add_child(Element(DATA_SLOT), name="data_slot")
    fmap.add_child(TreatyLayer())
    html = fmap.get_root().render()
    if inline:
        # Put in after rendering: file contents never pass through Jinja either.
        head = [f"<style>{_inline_file(LEAFLET_DIR / 'leaflet.css')}</style>",
                f"<style>{_inline_file(STATIC_DIR / 'treaty_map.css')}</style>",
                f"<script>{_inline_file(LEAFLET_DIR / 'leaflet.js')}</script>"]
        head += [f"<script>{_inline_file(STATIC_DIR / name)}</script>" for name in SCRIPTS]
        html = html.replace(DATA_SLOT, "\n".join(head) + "\n" + DATA_SLOT, 1)
    return html
