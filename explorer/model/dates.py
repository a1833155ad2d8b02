"""Historical dates as the sources give them, written in EDTF (the Extended Date/Time Format, ISO 8601-2).

A date is a day, a month or a year (``1922-04-16``, ``1922-04``, ``1922``), possibly qualified:
approximate (``1925~``), uncertain (``1926-09?``), both (``1926-09%``), with the day or month not known
(``1939-XX``, ``1939-04-XX``), one of a set because sources differ (``[1925..1926]``,
``[1939-08-23,1939-08-24]``) or an interval (``1938-09-29/1938-09-30``). Every date has an earliest
(``start``) and a latest (``end``) day it can mean.

Only the forms in docs/data-format.md are read. They are parsed here directly: plain dates by one regular
expression (loading 100,000 events stays fast), the other forms by splitting them into plain dates. The
``edtf`` package is the reference these forms are tested against (tests/test_dates.py), and it names the
EDTF forms this format does not read (:func:`explain_unsupported`); a parse through it costs milliseconds,
this one microseconds.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from explorer.model.json_types import kind_of

PRECISIONS = ("day", "month", "year")

_PLAIN_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_QUALIFIED_RE = re.compile(r"([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)([~?%])")
_UNSPECIFIED_RE = re.compile(r"([0-9]{4})-(XX|[0-9]{2})(?:-(XX))?")
_INTERVAL_RE = re.compile(r"([^/]+)/([^/]+)")
_RANGE_SEP = ".."

#: What a date that is none of the forms above is told to look like.
FORMS_HINT = ("write YYYY-MM-DD, YYYY-MM or YYYY, or one of the EDTF forms 1925~, 1926-09?, 1926-09%, "
              "1939-XX, [1925..1926], [1939-08-23,1939-08-24], 1938-09-29/1938-09-30")

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """Days in the month (what calendar.monthrange gives, without working out the weekday too)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


def _last_day(start: dt.date, precision: str) -> dt.date:
    if precision == "day":
        return start
    if precision == "month":
        return start.replace(day=_days_in_month(start.year, start.month))
    return start.replace(month=12, day=31)


@functools.total_ordering
@dataclass(frozen=True, eq=True)
class HistDate:
    """A date as the sources give it. ``start`` is the first day it can mean, ``end`` the last.

    ``precision`` is "day", "month" or "year" (for a set or an interval, the coarsest of its parts).
    ``iso()`` gives the text as it was written, ``label(language)`` a readable label. Dates order by
    their earliest, then their latest day.
    """

    start: dt.date
    precision: str = "day"
    last: dt.date | None = None          #: the latest day it can mean (see ``end``); filled in if None
    text: str = ""                       #: as written; filled in from start and precision if empty
    approximate: bool = False            #: ``~`` or ``%``: "about"
    uncertain: bool = False              #: ``?`` or ``%``: the sources are not sure
    unspecified: bool = False            #: ``XX``: the month or day is not known
    form: str = "single"                 #: "single", "one_of" (a set: one of these) or "interval"
    #: for "one_of": the choices, each a (first, last) pair of plain dates (equal for a single date);
    #: for "interval": (from, to)
    parts: tuple = ()
    _labels: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.last is None:
            object.__setattr__(self, "last", _last_day(self.start, self.precision))
        if not self.text:
            object.__setattr__(self, "text", _plain_text(self.start, self.precision))

    def __hash__(self) -> int:
        return hash((self.text, self.start))

    def __lt__(self, other: HistDate) -> bool:
        if not isinstance(other, HistDate):
            return NotImplemented
        return (self.start, self.last, self.text) < (other.start, other.last, other.text)

    @property
    def end(self) -> dt.date:
        """The last day this date can mean (the month's or year's end for coarser precisions)."""
        return self.last

    @property
    def is_one_of_set(self) -> bool:
        """``[a,b]`` or ``[a..b]``: one of these dates (the sources differ)."""
        return self.form == "one_of"

    @property
    def is_interval(self) -> bool:
        """``a/b``: the event lasted from one date to the other."""
        return self.form == "interval"

    @property
    def is_exact(self) -> bool:
        """A plain day, month or year with no qualifier."""
        return self.form == "single" and not (self.approximate or self.uncertain or self.unspecified)

    @property
    def qualifiers(self) -> tuple[str, ...]:
        """Which of "approximate", "uncertain", "unspecified", "one-of-set", "interval" apply."""
        flags = (("approximate", self.approximate), ("uncertain", self.uncertain),
                 ("unspecified", self.unspecified), ("one-of-set", self.form == "one_of"),
                 ("interval", self.form == "interval"))
        return tuple(name for name, on in flags if on)

    def iso(self) -> str:
        """The date in the form it was written in the dataset."""
        return self.text

    def label(self, language: str = "en") -> str:
        """A readable label in ``language`` (English where there is no phrase table for it).

        ``16 April 1922``, ``about 1925``, ``between 1925 and 1926``, ``23 or 24 August 1939``;
        German ``16. April 1922``, ``um 1925``, ``zwischen 1925 und 1926``. Computed once per date and
        language (equal dates in a dataset are one object, so once per distinct date).
        """
        cached = self._labels.get(language)
        if cached is None:
            from explorer.model.date_labels import date_label

            cached = self._labels[language] = date_label(self, language)
        return cached

    def __str__(self) -> str:
        return self.text


def _plain_text(start: dt.date, precision: str) -> str:
    if precision == "day":
        return f"{start.year:04d}-{start.month:02d}-{start.day:02d}"
    if precision == "month":
        return f"{start.year:04d}-{start.month:02d}"
    return f"{start.year:04d}"


class DateError(ValueError):
    """A date that cannot be read; the message says why, for a person.

    ``unknown_form`` is true when the text is none of the documented forms at all (rather than, say, an
    impossible day): then :func:`explain_unsupported` may recognise it as some other EDTF form.
    """

    def __init__(self, message: str, unknown_form: bool = False) -> None:
        super().__init__(message)
        self.unknown_form = unknown_form


def parse_hist_date(text) -> HistDate:
    """Parse a date in one of the documented forms; raise DateError (a ValueError) naming what is wrong.

    Equal texts give the same object, so labels computed for one are there for all.
    """
    if type(text) is not str:
        raise DateError(f"expected a date string, got {kind_of(text)}")
    known = _refused.get(text)
    if known is not None:
        raise DateError(*known)
    try:
        return _parse(text)
    except DateError as exc:
        # The cache above keeps dates, not refusals: a file with the same bad date 100,000 times would
        # otherwise work out (and spell, month names and all) the same message 100,000 times.
        if len(_refused) < _REFUSED_KEPT:
            _refused[text] = (str(exc), exc.unknown_form)
        raise


#: Texts refused as dates, with why (bounded: a file of all-different bad dates does not grow it forever).
_refused: dict[str, tuple[str, bool]] = {}
_REFUSED_KEPT = 4096


@functools.lru_cache(maxsize=65536)
def _parse(text: str) -> HistDate:
    m = _PLAIN_RE.fullmatch(text)
    if m:
        return _plain(text, *m.groups())
    if len(text) > 64:
        raise DateError(f"'{text[:40]}…' is not a date: {FORMS_HINT}", unknown_form=True)
    if text != text.strip():
        raise DateError(f"'{text}' has spaces around it")
    m = _QUALIFIED_RE.fullmatch(text)
    if m:
        base = _plain_member(m.group(1), text)
        mark = m.group(2)
        return HistDate(base.start, base.precision, base.last, text, approximate=mark in "~%",
                        uncertain=mark in "?%")
    m = _UNSPECIFIED_RE.fullmatch(text)
    if m and "XX" in text:
        return _unspecified(text, *m.groups())
    if text.startswith("[") and text.endswith("]"):
        return _one_of_set(text)
    m = _INTERVAL_RE.fullmatch(text)
    if m:
        return _interval(text, m.group(1), m.group(2))
    raise DateError(f"'{text}' is not a date: {FORMS_HINT}", unknown_form=True)


def _plain(text: str, year: str, month: str | None, day: str | None) -> HistDate:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (already matched), checked against the calendar."""
    y = int(year)
    if y < 1:
        raise DateError(f"'{text}': years run from 0001 to 9999")
    if month is None:
        return HistDate(dt.date(y, 1, 1), "year", dt.date(y, 12, 31), text)
    mo = int(month)
    if not 1 <= mo <= 12:
        raise DateError(f"'{text}' has no month {mo}")
    last = _days_in_month(y, mo)
    if day is None:
        return HistDate(dt.date(y, mo, 1), "month", dt.date(y, mo, last), text)
    d = int(day)
    if not 1 <= d <= last:
        raise DateError(f"'{text}' is impossible: {calendar.month_name[mo]} {y} has {last} days")
    day_date = dt.date(y, mo, d)
    return HistDate(day_date, "day", day_date, text)


def _plain_member(part: str, whole: str) -> HistDate:
    """A plain date inside a longer form; errors name the whole text."""
    m = _PLAIN_RE.fullmatch(part)
    if not m:
        raise DateError(f"'{whole}': '{part}' is not a plain date YYYY, YYYY-MM or YYYY-MM-DD", unknown_form=True)
    try:
        return _plain(part, *m.groups())
    except DateError as exc:
        raise DateError(f"'{whole}': {exc}") from None


def _unspecified(text: str, year: str, month: str, day: str | None) -> HistDate:
    """``1939-XX``, ``1939-XX-XX`` (the year) or ``1939-04-XX`` (the month)."""
    if month == "XX":
        base = _plain_member(year, text)
    else:
        base = _plain_member(f"{year}-{month}", text)
        if day is None:
            raise DateError(f"'{text}' is not a date: {FORMS_HINT}", unknown_form=True)
    return HistDate(base.start, base.precision, base.last, text, unspecified=True)


def _coarsest(dates) -> str:
    return max((d.precision for d in dates), key=PRECISIONS.index)


def _one_of_set(text: str) -> HistDate:
    """``[a,b,...]`` where each member is a plain date or a range ``a..b``."""
    inner = text[1:-1]
    members = [m.strip(" ") for m in inner.split(",")]
    if not inner or "" in members:
        raise DateError(f"'{text}': a set lists dates separated by commas, e.g. [1939-08-23,1939-08-24]")
    choices = []
    for member in members:
        if _RANGE_SEP in member:
            first_text, _, last_text = member.partition(_RANGE_SEP)
            first, last = _plain_member(first_text, text), _plain_member(last_text, text)
            if first.precision != last.precision:
                raise DateError(f"'{text}': both ends of '{member}' must be days, months or years alike")
            if last.last < first.start:
                raise DateError(f"'{text}': '{member}' ends before it starts")
            choices.append((first, last))
        else:
            one = _plain_member(member, text)
            choices.append((one, one))
    if len(choices) == 1 and choices[0][0] is choices[0][1]:
        raise DateError(f"'{text}': a set needs two or more dates (or a range a..b); write {members[0]} alone")
    every = [d for pair in choices for d in pair]
    start = min(d.start for d in every)
    last = max(d.last for d in every)
    return HistDate(start, _coarsest(every), last, text, form="one_of", parts=tuple(choices))


def _interval(text: str, first_text: str, last_text: str) -> HistDate:
    """``a/b``: from one plain date to another, which must not be earlier."""
    first, last = _plain_member(first_text, text), _plain_member(last_text, text)
    if last.last < first.start:
        raise DateError(f"'{text}': the interval ends before it starts")
    return HistDate(first.start, _coarsest((first, last)), last.last, text, form="interval", parts=(first, last))


def parse_day(text: str) -> dt.date:
    """Parse a full ``YYYY-MM-DD`` date (for the command line); raise ValueError otherwise."""
    hd = parse_hist_date(text)
    if hd.precision != "day" or not hd.is_exact:
        raise DateError(f"'{text}' must be a full date YYYY-MM-DD")
    return hd.start


_EDTF_CHARS = re.compile(r"[0-9XYSEu~?%\[\]{}.,/ ^-]{1,40}")
_EDTF_NAMES = {
    "Season": "a season", "Level2Season": "a season", "MultipleDates": "all of several dates ({...})",
    "Level1Interval": "an open or qualified interval", "Level2Interval": "an interval with qualified parts",
    "PartialUncertainOrApproximate": "a date with a qualified part", "PartialUnspecified": "a date with unknown digits",
    "LongYear": "a year beyond 9999", "ExponentialYear": "a year beyond 9999", "DateAndTime": "a date with a time",
    "UncertainOrApproximate": "a qualified date", "Unspecified": "a date with unknown digits",
    "OneOfASet": "a set with open ends or qualified members", "Date": "a date outside 0001..9999",
    "Interval": "an interval",
}


@functools.lru_cache(maxsize=256)
def explain_unsupported(text: str) -> str | None:
    """If ``text`` is valid EDTF of a form this format does not read, say which form; else None.

    Uses the ``edtf`` package (a few milliseconds a call), so callers ask only for a few dates. It runs on a
    thread of its own: the parser (pyparsing's cache) keeps the tracebacks of what it tried, and with them
    every frame of the stack it ran on, so on the caller's stack it kept the loader's frames, and the whole
    parsed document in them, for good.
    """
    if not isinstance(text, str) or not _EDTF_CHARS.fullmatch(text):
        return None
    return _edtf_worker().submit(_explain, text).result()


@functools.lru_cache(maxsize=1)
def _edtf_worker():
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="edtf")


def _explain(text: str) -> str | None:
    try:
        from edtf import parse_edtf
        from edtf.parser.edtf_exceptions import EDTFParseException
    except ImportError:       # pragma: no cover - edtf is a dependency; without it messages are shorter
        return None
    try:
        parsed = parse_edtf(text)
    except (EDTFParseException, ValueError, TypeError, AttributeError):
        return None
    kind = type(parsed).__name__
    return f"it is valid EDTF ({_EDTF_NAMES.get(kind, kind)}), but not one of the forms this format reads"
