"""Readable, language-aware labels for historical dates, from Babel's locale data (CLDR).

Month names, day-month order, interval patterns ("29–30 September 1938") and "or" lists ("23 or 24
August 1939") come from Babel. Only the few words CLDR has no pattern for ("about", "uncertain",
"between … and …") are in the phrase table below, for each language the app speaks; other languages get
English labels rather than a mix of two languages.

Babel is imported when the first label is asked for, so loading and validating a dataset never pays for it.
Labels are cached by the date objects themselves (``HistDate.label``) and by :func:`range_label`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.model.dates import HistDate

#: language -> (Babel locale, words CLDR has no pattern for)
PHRASES: dict[str, tuple[str, dict[str, str]]] = {
    "en": ("en_GB", {"about": "about {0}", "uncertain": "{0} (uncertain)", "between": "between {0} and {1}"}),
    "de": ("de_DE", {"about": "um {0}", "uncertain": "{0} (unsicher)", "between": "zwischen {0} und {1}"}),
}

_SKELETONS = {"day": "yMMMMd", "month": "yMMMM", "year": "y"}
#: Interval patterns CLDR has for these skeletons; day intervals use the abbreviated-month ones widened.
_INTERVAL_SKELETONS = {"day": "yMMMd", "month": "yMMMM", "year": "y"}
_SHORT_MONTH = re.compile(r"(?<!M)MMM(?!M)")


def _language(language: str) -> str:
    """``de-AT`` reads as ``de``; a language without a phrase table as ``en``."""
    if language in PHRASES:
        return language
    primary = language.replace("_", "-").split("-")[0].lower()
    return primary if primary in PHRASES else "en"


@functools.lru_cache(maxsize=8)
def _locale(language: str):
    from babel import Locale

    return Locale.parse(PHRASES[language][0])


def _plain(day: dt.date, precision: str, language: str) -> str:
    """A plain day, month or year: ``16 April 1922`` / ``16. April 1922``, ``April 1922``, ``1922``."""
    template, months = _plain_template(precision, language)
    if template is None:
        from babel.dates import format_date

        pattern = _locale(language).datetime_skeletons.get(_SKELETONS[precision]) or "y"
        return format_date(day, str(pattern), locale=_locale(language))
    return template % {"d": day.day, "MMMM": months[day.month], "y": day.year}


#: The CLDR fields the quick path fills in itself (Babel formats any other pattern).
_QUICK_FIELDS = {"d", "MMMM", "y"}


@functools.lru_cache(maxsize=16)
def _plain_template(precision: str, language: str) -> tuple[str | None, dict[int, str]]:
    """The locale's pattern for a plain date as a %-template, with its month names, so that a label costs
    a string format rather than a Babel call (100,000 labels in a tenth of the time; the tests compare
    both). None when the pattern uses other fields, which Babel then formats."""
    from babel.dates import parse_pattern

    locale = _locale(language)
    pattern = parse_pattern(str(locale.datetime_skeletons.get(_SKELETONS[precision]) or "y"))
    fields = set(re.findall(r"%\((\w+)\)s", pattern.format))
    if not fields <= _QUICK_FIELDS or "%" in re.sub(r"%\(\w+\)s", "", pattern.format.replace("%%", "")):
        return None, {}
    return pattern.format, {month: str(name) for month, name in locale.months["format"]["wide"].items()}


def _interval(first: HistDate, last: HistDate, language: str) -> str:
    """From one plain date to another with CLDR's interval patterns: ``29–30 September 1938``."""
    from babel.dates import format_date

    if first.precision != last.precision:
        return _fallback_interval(_simple(first, language), _simple(last, language), language)
    if (first.start, first.last) == (last.start, last.last):
        return _simple(first, language)
    locale = _locale(language)
    a, b = first.start, last.start
    greatest = "y" if a.year != b.year else "M" if a.month != b.month else "d"
    pieces = locale.interval_formats.get(_INTERVAL_SKELETONS[first.precision], {}).get(greatest)
    if not pieces:
        return _fallback_interval(_simple(first, language), _simple(last, language), language)
    if first.precision == "day":
        pieces = [_SHORT_MONTH.sub("MMMM", piece) for piece in pieces]
    return "".join(format_date(day, piece, locale=locale) for piece, day in zip(pieces, (a, b)))


def _fallback_interval(a: str, b: str, language: str) -> str:
    pattern = _locale(language).interval_formats.get(None) or "{0} – {1}"
    return str(pattern).replace("{0}", a).replace("{1}", b)


def _simple(date: HistDate, language: str) -> str:
    return _plain(date.start, date.precision, language)


def _shared_tail(labels: list[str]) -> list[str]:
    """Drop the words every label ends with from all but the last: ``23``, ``24 August 1939``."""
    words = [label.split(" ") for label in labels]
    shortest = min(len(w) for w in words)
    shared = 0
    while shared < shortest - 1 and len({tuple(w[len(w) - shared - 1:]) for w in words}) == 1:
        shared += 1
    if not shared:
        return labels
    return [" ".join(w[:len(w) - shared]) for w in words[:-1]] + [labels[-1]]


def _between(first: HistDate, last: HistDate, language: str) -> str:
    a, b = _shared_tail([_simple(first, language), _simple(last, language)])
    return PHRASES[language][1]["between"].format(a, b)


def _one_of(date: HistDate, language: str) -> str:
    """``between 1925 and 1926``, ``23 or 24 August 1939``, ``1925 or between 1927 and 1929``."""
    from babel.lists import format_list

    choices = date.parts
    if len(choices) == 1:
        return _between(*choices[0], language)
    if all(first is last for first, last in choices):
        labels = _shared_tail([_simple(first, language) for first, _ in choices])
    else:
        labels = [_simple(first, language) if first is last else _between(first, last, language)
                  for first, last in choices]
    return format_list(labels, style="or", locale=_locale(language))


def date_label(date: HistDate, language: str = "en") -> str:
    """The label of one date (see ``HistDate.label``, which caches it)."""
    language = _language(language)
    words = PHRASES[language][1]
    if date.form == "one_of":
        return _one_of(date, language)
    if date.form == "interval":
        return _interval(date.parts[0], date.parts[1], language)
    text = _simple(date, language)
    if date.uncertain:
        text = words["uncertain"].format(text)
    if date.approximate:
        text = words["about"].format(text)
    return text


@functools.lru_cache(maxsize=65536)
def range_label(start: HistDate, end: HistDate, language: str = "en") -> str:
    """An event's date with its end date: ``10 April – 19 May 1922`` (both plain), else ``a – b``."""
    if start == end:
        return start.label(language)
    if start.is_exact and end.is_exact:
        return _interval(start, end, _language(language))
    return _fallback_interval(start.label(language), end.label(language), _language(language))
