"""The scalar rules the data format is made of: text, ids, dates, numbers, choices, colours, addresses.

Each rule has three faces, all from one definition:

- ``check(value)``: the careful check of one value, returning it as the model keeps it (a date becomes a
  HistDate) or raising :class:`Invalid` with a message for a person;
- ``many(values)``: the same for a whole column of values at C speed (``map``, ``set``, ``any``), for the
  loader's fast path; it raises :class:`Unsure` rather than say what is wrong, and the careful check
  then reports it. It must never accept what ``check`` refuses (tests/test_fuzz_datasets.py compares them);
- ``schema()``: the rule as JSON Schema, for ``dataset.schema.json``.

The rules for items, lists and translations are in ``rule_structures.py``.
"""

from __future__ import annotations

import math
import re

from explorer.model.dates import DateError, parse_hist_date
from explorer.model.json_types import kind_of

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
COLOUR_PATTERN = r"#(?:[0-9a-fA-F]{3}){1,2}"
URL_PATTERN = r"https?://[^\s/?#\x00-\x1f\x7f]+[^\s\x00-\x1f\x7f]*"
LANGUAGE_PATTERN = r"(?!en(?:-|$))[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"
#: Characters no text may hold: C0 controls but tab, line feed and carriage return; DEL.
BAD_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_PLAIN_DATE = r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?"
_MEMBER = rf"{_PLAIN_DATE}(?:\.\.{_PLAIN_DATE})?"
#: The documented date forms as one pattern (the schema's; the loader also checks the calendar).
DATE_PATTERN = (rf"(?:{_PLAIN_DATE}[~?%]?|[0-9]{{4}}-XX(?:-XX)?|[0-9]{{4}}-[0-9]{{2}}-XX"
                rf"|\[ *{_MEMBER}(?: *, *{_MEMBER})* *\]|{_PLAIN_DATE}/{_PLAIN_DATE})")

ID_RE = re.compile(ID_PATTERN)
LANGUAGE_RE = re.compile(LANGUAGE_PATTERN)
_COLOUR_RE = re.compile(COLOUR_PATTERN)
_URL_RE = re.compile(URL_PATTERN)
STR_ONLY = frozenset((str,))
_NUMBER_TYPES = frozenset((int, float))


class Invalid(Exception):
    """A value breaks a rule; ``message`` says how, for a person."""

    def __init__(self, message: str, explain_date: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        #: a date text that might be another EDTF form (the checker may say which)
        self.explain_date = explain_date


class Unsure(Exception):
    """The fast path cannot vouch for some values; the careful walk will find and report what is wrong."""


def show(value, limit: int = 40) -> str:
    """A value as it may appear in a message: short, on one line, invisible characters escaped."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[:limit] + "…"
        if not text.isprintable():
            text = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)
        return text
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, (int, float)):
        text = repr(value)
        return text if len(text) <= 20 else text[:17] + "…"
    return kind_of(value)


def all_text(values: list) -> bool:
    """Whether every value is a string with something in it (not empty, not only spaces), at C speed."""
    return set(map(type, values)) <= STR_ONLY and "" not in values and not any(map(str.isspace, values))


def _all_strings(values: list) -> None:
    if not set(map(type, values)) <= STR_ONLY:
        raise Unsure


class Rule:
    """A type of value. Scalar rules check one value; the others walk their parts through the checker."""

    scalar = True
    #: a name in the schema's ``$defs`` (shared types), or None to write the schema inline
    def_name: str | None = None

    def check(self, value):
        """The value as the model keeps it; raise Invalid if it breaks the rule."""
        raise NotImplementedError

    def many(self, values: list, checker) -> list:
        """``check`` for every value of a column; raise Unsure if any might be wrong."""
        try:
            return [self.check(v) for v in values]
        except Invalid:
            raise Unsure from None

    def schema(self) -> dict:
        """This rule as JSON Schema (2020-12)."""
        raise NotImplementedError


class Text(Rule):
    """Plain text with something in it (not only spaces). No control characters (checked on the whole file)."""

    def_name = "text"

    def check(self, value):
        if type(value) is not str:
            raise Invalid(f"must be text, got {kind_of(value)}")
        if not value or value.isspace():
            raise Invalid("must not be empty")
        return value

    def many(self, values: list, checker) -> list:
        if not all_text(values):
            raise Unsure
        return values

    def schema(self) -> dict:
        return {"type": "string", "pattern": r"\S", "not": {"pattern": f"[{schema_chars(BAD_CHARS)}]"}}


class AnyString(Rule):
    """Any string (the ``$schema`` reference)."""

    def check(self, value):
        if type(value) is not str:
            raise Invalid(f"must be text, got {kind_of(value)}")
        return value

    def schema(self) -> dict:
        return {"type": "string"}


class Id(Rule):
    """A stable lower-case id: ``[a-z0-9]+(-[a-z0-9]+)*``."""

    def_name = "id"

    def __init__(self, example: str = "rapallo-1922") -> None:
        self.example = example

    def check(self, value):
        if type(value) is not str:
            raise Invalid(f"must be an id (text), got {kind_of(value)}")
        if not ID_RE.fullmatch(value):
            raise Invalid(f"'{show(value)}' is not an id: ids are lower-case letters and digits in words "
                          f"joined by '-', e.g. '{self.example}'")
        return value

    def many(self, values: list, checker) -> list:
        _all_strings(values)
        if not all(map(ID_RE.fullmatch, values)):
            raise Unsure
        return values

    def schema(self) -> dict:
        return {"type": "string", "pattern": f"^{ID_PATTERN}$"}


class Date(Rule):
    """A date in one of the documented EDTF forms; becomes a HistDate. ``day_only``: a plain full day."""

    def __init__(self, day_only: bool = False) -> None:
        self.day_only = day_only
        self.def_name = "day" if day_only else "date"

    def check(self, value):
        try:
            date = parse_hist_date(value)
        except DateError as exc:
            raise Invalid(str(exc), explain_date=value if exc.unknown_form else None) from None
        if self.day_only and (date.precision != "day" or not date.is_exact):
            raise Invalid(f"'{show(value)}' must be a full day YYYY-MM-DD")
        return date

    def many(self, values: list, checker) -> list:
        if self.day_only:
            return super().many(values, checker)
        try:
            return list(map(parse_hist_date, values))      # equal texts share one parsed date
        except DateError:
            raise Unsure from None

    def schema(self) -> dict:
        if self.day_only:
            return {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
        return {"type": "string", "pattern": f"^{DATE_PATTERN}$"}


class Number(Rule):
    """A finite number (not true/false) from ``low`` to ``high``; becomes a float."""

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high

    def check(self, value):
        kind = type(value)
        if kind is not float and kind is not int:
            raise Invalid(f"must be a number, got {kind_of(value)}")
        if value != value or value in (float("inf"), float("-inf")):
            raise Invalid("must be a finite number")
        if not self.low <= value <= self.high:
            raise Invalid(f"{show(value)} is out of range ({_num(self.low)} to {_num(self.high)})")
        return float(value)

    def many(self, values: list, checker) -> list:
        if not values:
            return values
        if not set(map(type, values)) <= _NUMBER_TYPES:
            raise Unsure
        try:
            if not all(map(math.isfinite, values)) or min(values) < self.low or max(values) > self.high:
                raise Unsure
        except OverflowError:            # an integer too large for a float
            raise Unsure from None
        return list(map(float, values))

    def schema(self) -> dict:
        return {"type": "number", "minimum": self.low, "maximum": self.high}


def _num(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


class Bool(Rule):
    """``true`` or ``false``."""

    def check(self, value):
        if type(value) is not bool:
            raise Invalid(f"must be true or false, got {kind_of(value)}")
        return value

    def many(self, values: list, checker) -> list:
        if not set(map(type, values)) <= {bool}:
            raise Unsure
        return values

    def schema(self) -> dict:
        return {"type": "boolean"}


class One(Rule):
    """The integer 1 (the format version); not ``true``, not ``1.0``."""

    def check(self, value):
        if type(value) is int and value == 1:
            return 1
        if type(value) is int:
            raise Invalid(f"unsupported format {show(value)}; this version reads format 1")
        raise Invalid(f"must be the number 1, got {kind_of(value)}")

    def schema(self) -> dict:
        return {"const": 1}


class Choice(Rule):
    """One of a fixed vocabulary (event kinds, link relations)."""

    def __init__(self, noun: str, values) -> None:
        self.noun, self.values = noun, tuple(values)
        self._set = frozenset(self.values)

    def check(self, value):
        if type(value) is str and value in self._set:
            return value
        shown = f"'{show(value)}'" if isinstance(value, str) else kind_of(value)
        raise Invalid(f"unknown {self.noun} {shown} (one of: {', '.join(self.values)})")

    def many(self, values: list, checker) -> list:
        _all_strings(values)
        if not self._set.issuperset(values):
            raise Unsure
        return values

    def schema(self) -> dict:
        return {"enum": list(self.values)}


class Colour(Rule):
    """``#rgb`` or ``#rrggbb``."""

    def_name = "colour"

    def check(self, value):
        if type(value) is not str or not _COLOUR_RE.fullmatch(value):
            shown = f"'{show(value)}'" if isinstance(value, str) else kind_of(value)
            raise Invalid(f"colours are #rgb or #rrggbb, e.g. #d9c9a3; got {shown}")
        return value

    def schema(self) -> dict:
        return {"type": "string", "pattern": f"^{COLOUR_PATTERN}$"}


class Url(Rule):
    """An ``http://`` or ``https://`` address with a host and no spaces."""

    def_name = "url"

    def check(self, value):
        if type(value) is not str or not _URL_RE.fullmatch(value):
            shown = f"'{show(value, 60)}'" if isinstance(value, str) else kind_of(value)
            raise Invalid(f"must be an address starting with http:// or https://, got {shown}")
        return value

    def many(self, values: list, checker) -> list:
        _all_strings(values)
        if not all(map(_URL_RE.fullmatch, values)):
            raise Unsure
        return values

    def schema(self) -> dict:
        return {"type": "string", "pattern": f"^{URL_PATTERN}$"}


def schema_chars(chars: str) -> str:
    """A character range for a JSON Schema pattern, with \\uXXXX escapes."""
    return "".join(c if c == "-" else f"\\u{ord(c):04x}" for c in chars)
