"""Every word the map page shows, in one language, from ``explorer.model.i18n.tr``: the page hardcodes none.

The page gets this object in its boot block and again with each language change
(``TreatyMap.update({language, strings})``). Texts with a ``{date}``, ``{n}`` or ``{place}`` in them are
templates the page fills in (it knows the date and the crowd); it puts every text into the DOM with
``textContent``. Place names come from the dataset, in the language where it has them (German exonyms:
"Warschau", "Genua").
"""

from __future__ import annotations

from explorer.model.dataset import Dataset
from explorer.model.i18n import STRINGS, tr
from explorer.model.kinds import KINDS
from explorer.model.relations import RELATIONS

#: The locale the page formats dates with (Intl.DateTimeFormat): day, month name and year, as the app does.
LOCALES = {"en": "en-GB", "de": "de-DE"}

_KEYS = {
    "legend": "map_legend", "legendShow": "map_legend_show", "legendHide": "map_legend_hide",
    "legendKinds": "map_legend_kinds", "legendRecent": "map_legend_recent", "legendFaded": "map_legend_faded",
    "legendSelected": "map_legend_selected", "legendCrowd": "map_legend_crowd",
    "legendCapital": "map_legend_capital", "legendPlace": "map_legend_place", "legendLinks": "map_legend_links",
    "arcOut": "map_legend_arc_out", "arcIn": "map_legend_arc_in", "arcBoth": "map_legend_arc_both",
    "capitalLine": "map_legend_capital_line",
    "bordersPeriod": "map_borders_period", "bordersApproximate": "map_borders_approximate",
    "bordersPresent": "map_borders_present",
    "crowdTitle": "map_crowd_title", "close": "map_close", "zoomIn": "map_zoom_in", "zoomOut": "map_zoom_out",
    "creditBasemap": "map_credit_basemap", "creditBorders": "map_credit_borders",
}


def _text(language: str, key: str, fallback: str) -> str:
    """``tr`` for a key that may not be in the catalogue (a dataset's own kind), else ``fallback``."""
    return tr(language, key) if key in STRINGS["en"] else fallback


def page_strings(dataset: Dataset, language: str) -> dict:
    """The page's strings in ``language`` (English where a text lacks a translation)."""
    strings = {name: tr(language, key) for name, key in _KEYS.items()}
    strings["language"] = language
    strings["locale"] = LOCALES.get(language, language)
    kinds = list(dict.fromkeys([*KINDS, *dataset.kinds]))
    strings["kinds"] = {kind: _text(language, f"map_kind_{kind}", kind.capitalize()) for kind in kinds}
    strings["relations"] = {rel: [_text(language, f"map_relation_{rel}", forward),
                                  _text(language, f"map_relation_{rel}_inverse", inverse)]
                            for rel, (forward, inverse) in RELATIONS.items()}
    strings["places"] = place_names(dataset, language)
    return strings


def place_names(dataset: Dataset, language: str) -> dict[str, str]:
    """The name of each place in ``language``, as the map labels it (the name at the time, where the
    dataset gives one: "Brest-Litovsk", "Königsberg")."""
    return {place.id: place.text("historical_name", language) or place.text("name", language)
            for place in dataset.places.values()}
