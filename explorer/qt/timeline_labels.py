"""The timeline's words in the state's language: day labels for the date pill, month names for the axis,
numbers, and the texts of its tool tips, callouts and accessible description.

Dates and month names come from Babel's CLDR data (through ``explorer.model.date_labels``, which the details
panel uses too), interface words from ``explorer.model.i18n.tr``. Nothing here touches Qt.
"""

from __future__ import annotations

import datetime as dt
import functools

from explorer.model.borders import BorderChange
from explorer.model.date_labels import PHRASES
from explorer.model.dates import HistDate
from explorer.model.i18n import tr


def _locale_name(language: str) -> str:
    primary = language.replace("_", "-").split("-")[0].lower()
    return PHRASES.get(language, PHRASES.get(primary, PHRASES["en"]))[0]


@functools.lru_cache(maxsize=4096)
def day_label(day: dt.date, language: str = "en") -> str:
    """A day as the date pill shows it: ``16 April 1922``, ``16. April 1922``."""
    return HistDate(day).label(language)


@functools.lru_cache(maxsize=16)
def month_names(language: str = "en") -> tuple[str, ...]:
    """The twelve months' short names as an axis shows them (CLDR's stand-alone abbreviations):
    ``Jan … Dec``, ``Jan … Mär … Dez``."""
    from babel import Locale

    names = Locale.parse(_locale_name(language)).months["stand-alone"]["abbreviated"]
    return tuple(str(names[m]) for m in range(1, 13))


def number(n: int, language: str = "en") -> str:
    """``n`` with the language's digit grouping: ``12,345``, ``12.345``."""
    from babel.numbers import format_decimal

    return format_decimal(n, locale=_locale_name(language))


def span_label(first: dt.date, last: dt.date, language: str = "en") -> str:
    """Two days as a range: ``3 March 1918 – 11 November 1918`` (one day once)."""
    if first == last:
        return day_label(first, language)
    return f"{day_label(first, language)} – {day_label(last, language)}"


def border_lines(change: BorderChange, language: str = "en") -> list[str]:
    """What a border change's tool tip and callout say: its name (in the language), that it is a border change
    and when, and its source."""
    return [border_name(change, language),
            tr(language, "timeline_border_on", date=day_label(change.date, language)),
            tr(language, "timeline_source", source=change.source)]


def border_name(change: BorderChange, language: str = "en") -> str:
    """A border change's name in the language (English where it has no German one)."""
    return change.name_de if language == "de" and change.name_de else change.name


def density_text(count: int, first: dt.date, last: dt.date, language: str = "en") -> str:
    """What hovering the density strip says: how many events, when, and how to see them one by one."""
    return tr(language, "timeline_density", n=number(count, language), span=span_label(first, last, language))
