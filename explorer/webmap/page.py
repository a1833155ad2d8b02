"""The map page: Leaflet, the offline base map and our event layer, rendered once (with folium) and cached.

The page is then driven from Python (time, selection, filters) through ``TreatyMap`` in
``static/treaty_map.js``; it is never rebuilt for a state change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import orjson

from explorer import __version__
from explorer.model.dataset import Dataset
from explorer.model.kinds import KIND_COLORS  # noqa: F401  (the benchmark's folium recipe imports it from here)
from explorer.webmap import page_cache
from explorer.webmap.assets import (
    DATA_SLOT, EAGER_LAYERS, LEAFLET_DIR, MAP_LAYERS, SCHEME_ROOT, SCRIPTS, STATIC_DIR, read_layer,
)
from explorer.webmap.csp import with_policy
from explorer.webmap.page_data import page_data, page_data_bytes, script_safe_bytes  # noqa: F401  (re-exported)
from explorer.webmap.page_strings import page_strings


#: The base map's credit (the page shows it in the current language, with the period borders' credit).
BASEMAP_ATTRIBUTION = "Base map: Natural Earth (public domain)"
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
    data_url: str | None = None     # linked pages: where the page fetches its data (``page_data_bytes``)


def page_data_json(dataset: Dataset) -> bytes:
    """The page data as JSON (what a standalone page carries in its ``tm-data`` block), safe in a script
    element too. The app serves the binary form instead (``page_data_bytes``)."""
    return script_safe_json(page_data(dataset)).encode("utf-8")


def build_page(dataset: Dataset, options: PageOptions = PageOptions(), *, cache: bool = True) -> str:
    """The whole map page as HTML text (deterministic for the same dataset and options).

    The page is a template rendered once with folium and kept (``page_cache``); it holds no dataset text, so
    one template serves every dataset. The data reaches the page only as JSON after all templating: in a
    ``tm-boot`` block (view, options, initial state) and, for a standalone page, ``tm-data`` and base-map
    blocks; a linked page fetches its data and base map from the app's scheme. ``cache=False`` renders
    the template afresh (the benchmark's rebuild-and-reload recipe).
    """
    if not options.inline and not options.data_url:
        raise ValueError("a linked page needs PageOptions.data_url (where the app serves its data)")
    template = _template(inline=options.inline, bridge=options.bridge and not options.inline, cache=cache)
    before, after = template.split(DATA_SLOT)
    blocks = [_json_block("tm-boot", _boot(dataset, options))]
    if options.inline:
        blocks.append(_json_block("tm-data", page_data(dataset)))
        blocks += [f'<script type="application/json" id="tm-basemap-{layer.stem}">'
                   f'{_script_safe_text(read_layer(layer))}</script>' for layer in EAGER_LAYERS]
    return before + "\n".join(blocks) + after


def _template_key(*, inline: bool, bridge: bool) -> str:
    return page_cache.cache_key([__version__, "inline" if inline else "linked", str(bridge)], _page_sources())


#: The helper rendering the window's template on a first start (:func:`render_template_beside`), if any.
_rendering = None
#: How long a page build waits for that helper before it renders the template itself.
RENDER_WAIT_S = 10.0


def render_template_beside() -> None:
    """On a start whose page template is not in the disk cache (the first start, or the first after an
    upgrade), render it in a helper process on the second processor while this one opens the dataset and
    builds the window: importing folium alone takes 0.3 s. The page build then takes it from the cache."""
    global _rendering
    import subprocess

    from explorer.resources import helper_command

    if _rendering is not None or page_cache.cache_dir() is None:
        return
    try:
        if page_cache.get(_template_key(inline=False, bridge=True)) is not None:
            return
        program = f"from {__name__} import _render_for_cache; _render_for_cache()"
        _rendering = subprocess.Popen(helper_command(program), stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        _rendering = None


def _render_for_cache() -> None:
    """The helper process: the window's page template, rendered into the disk cache."""
    _template(inline=False, bridge=True, cache=True)


def _wait_for_helper() -> None:
    """Until the helper is done (at most RENDER_WAIT_S), and it is let go."""
    global _rendering
    helper, _rendering = _rendering, None
    if helper is None:
        return
    import subprocess

    try:
        helper.wait(timeout=RENDER_WAIT_S)
    except subprocess.TimeoutExpired:
        helper.kill()
        helper.wait()


def _template(*, inline: bool, bridge: bool, cache: bool) -> str:
    """The page template with its Content-Security-Policy, from the cache or rendered by folium."""
    key = _template_key(inline=inline, bridge=bridge)
    if cache and _rendering is not None and not inline and bridge:     # the template the helper renders
        _wait_for_helper()
    template = page_cache.get(key) if cache else None
    if template is None:
        from explorer.webmap.folium_page import render_template

        template = with_policy(render_template(inline=inline, bridge=bridge), linked=not inline)
        if template.count(DATA_SLOT) != 1:
            raise RuntimeError("the map page template does not hold exactly one data slot")
        if cache:
            page_cache.put(key, template)
    return template


def _boot(dataset: Dataset, options: PageOptions) -> dict:
    """What ``TreatyMap.start`` reads first: where its data is, how to draw, and the state to start in."""
    renderer = options.renderer
    if renderer == "auto":
        renderer = "canvas" if len(dataset.events) > CANVAS_THRESHOLD else "svg"
    view = dataset.default_view
    initial = _initial_config(dataset, options.initial)
    data = {"element": "tm-data"} if options.inline else {"url": options.data_url, "binary": True}
    return {"renderer": renderer, "bridge": options.bridge and not options.inline,
            "attribution": BASEMAP_ATTRIBUTION, "data": data, **_layers(inline=options.inline),
            "view": {"center": list(view.center), "zoom": view.zoom},
            "strings": page_strings(dataset, initial["language"]), "initial": initial}


def _layers(*, inline: bool) -> dict:
    """Where the page finds its map layers: ``basemaps`` (loaded before the map is drawn, in this order; inline
    in a standalone page) and ``detailLayers`` (the 1:10m ones, fetched from the app's scheme the first time
    the map zooms in that far; a standalone page keeps its 1:50m layers at every zoom)."""
    def entry(layer, ref):
        return {**ref, "role": layer.role, "minZoom": layer.min_zoom, "maxZoom": layer.max_zoom}

    if inline:
        return {"basemaps": [entry(layer, {"element": f"tm-basemap-{layer.stem}"}) for layer in EAGER_LAYERS],
                "detailLayers": []}
    return {"basemaps": [entry(layer, {"url": SCHEME_ROOT + layer.url_path}) for layer in EAGER_LAYERS],
            "detailLayers": [entry(layer, {"url": SCHEME_ROOT + layer.url_path})
                             for layer in MAP_LAYERS if not layer.eager]}


def _json_block(block_id: str, value) -> str:
    return f'<script type="application/json" id="{block_id}">{script_safe_json(value)}</script>'


def _initial_config(dataset: Dataset, initial: dict | None) -> dict:
    """The state the page starts in (``TreatyMap.start`` reads it as ``boot.initial``)."""
    initial = dict(initial or {})
    keep_view = bool(initial.get("center") and initial.get("zoom"))
    return {"date": initial.get("date") or dataset.default_view.date.isoformat(),
            "selected": initial.get("selected"), "windowDays": initial.get("window_days"),
            "kinds": initial.get("kinds"), "parties": initial.get("parties"),
            "language": initial.get("language", "en"), "borders": initial.get("borders", "period"),
            # An explicit centre/zoom wins over framing the selection (restored views, snapshots).
            "keepView": keep_view,
            "center": list(initial["center"]) if keep_view else None,
            "zoom": initial["zoom"] if keep_view else None,
            "caption": initial.get("caption"),   # a caption block (standalone snapshot pages)
            "display": initial.get("display")}   # how an embedding shows the page (tm_display.js: the kiosk)


def script_safe_json(value) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` that could end the element or
    start markup, and no U+2028/U+2029 (line ends to older JavaScript parsers)."""
    return script_safe_bytes(orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)).decode("utf-8")


def _script_safe_text(text: str) -> str:
    """JSON text made safe inside a ``<script>`` element (its meaning unchanged: only escapes are added)."""
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _page_sources() -> list[Path]:
    """Every file whose content goes into a page template."""
    here = Path(__file__).resolve().parent
    return [here / "folium_page.py", here / "page.py", here / "csp.py", STATIC_DIR / "treaty_map.css",
            *(STATIC_DIR / name for name in SCRIPTS), LEAFLET_DIR / "leaflet.js", LEAFLET_DIR / "leaflet.css"]


def initial_state_json(state) -> dict:
    """The parts of an ExplorerState a page needs to start in (the map view's page, loaded again after a
    crash or a kiosk reset, starts exactly where the state is)."""
    initial = {"date": state.date.isoformat(), "selected": state.selected_id,
               "window_days": state.filters.window_days, "kinds": sorted(state.filters.kinds) or None,
               "parties": sorted(state.party_filter()) or None, "language": state.language,
               "borders": state.borders}
    if state.camera is not None:
        initial["center"], initial["zoom"] = list(state.camera.center), state.camera.zoom
    return initial


def js_call(function: str, *args) -> str:
    """A call to ``TreatyMap.<function>`` with JSON-encoded arguments (data never becomes code)."""
    return f"window.TreatyMap && window.TreatyMap.{function}({', '.join(json.dumps(a) for a in args)})"
