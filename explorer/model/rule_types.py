"""The kinds of rule the data format is made of: text, ids, dates, numbers, lists, items, translations.

Each rule checks a value and says, in JSON Schema, what it accepts; ``rules.py`` builds the format's rule
set from them. Scalar rules (``scalar = True``) check one value and raise :class:`Invalid`; the others
(items, lists, translations, pairs) walk their parts through the checker (``checker.py``), so every bad
part is reported, not only the first. The walk follows the rules, never the data: its depth is the rule
set's (at most six), whatever the nesting of the file.
"""


from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from explorer.model.dates import DateError, parse_hist_date

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

_ID_RE = re.compile(ID_PATTERN)
_COLOUR_RE = re.compile(COLOUR_PATTERN)
_URL_RE = re.compile(URL_PATTERN)
_LANGUAGE_RE = re.compile(LANGUAGE_PATTERN)


class Invalid(Exception):
    """A value breaks a rule; ``message`` says how, for a person."""

    def __init__(self, message: str, explain_date: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        #: a date text that might be another EDTF form (the checker may say which)
        self.explain_date = explain_date


def kind_of(value) -> str:
    """The JSON name of a value's type, for messages: ``a number``, ``a list``, ``true/false`` ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


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


class Rule:
    """A type of value. Scalar rules check one value; the others walk their parts through the checker."""

    scalar = True
    #: a name in the schema's ``$defs`` (shared types), or None to write the schema inline
    def_name: str | None = None

    def check(self, value):
        """The value as the model keeps it; raise Invalid if it breaks the rule."""
        raise NotImplementedError

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

    def schema(self) -> dict:
        return {"type": "string", "pattern": r"\S", "not": {"pattern": f"[{_schema_chars(BAD_CHARS)}]"}}


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
        if not _ID_RE.fullmatch(value):
            raise Invalid(f"'{show(value)}' is not an id: ids are lower-case letters and digits in words "
                          f"joined by '-', e.g. '{self.example}'")
        return value

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

    def schema(self) -> dict:
        return {"type": "string", "pattern": f"^{URL_PATTERN}$"}


@dataclass(frozen=True)
class Field:
    """One field of an item: its name, rule, whether it is required, and what it means."""

    name: str
    rule: Rule
    required: bool = False
    doc: str = ""


class ListOf(Rule):
    """A list whose every element follows ``item``; becomes a tuple (or, for items, a list of objects).

    ``items_named`` gives each element of a top-level list its own name in messages ("event 'x'").
    """

    scalar = False

    def __init__(self, item: Rule, min_items: int = 0, items_named: Callable | None = None,
                 empty_message: str | None = None) -> None:
        self.item, self.min_items, self.items_named = item, min_items, items_named
        self.empty_message = empty_message

    def walk(self, value, checker, path: tuple, item: str):
        if type(value) is not list:
            checker.problem(f"must be a list, got {kind_of(value)}", path, item)
            return BAD
        if len(value) < self.min_items:
            checker.problem(self.empty_message or f"needs at least {self.min_items}", path, item)
            return BAD
        rule = self.item
        out = []
        if rule.scalar and self.items_named is None:
            check = rule.check
            for i, element in enumerate(value):
                try:
                    out.append(check(element))
                except Invalid as exc:
                    checker.invalid(exc, path + (i,), item)
                    out.append(BAD)
            return tuple(out) if BAD not in out else BAD
        for i, element in enumerate(value):
            name = self.items_named(element, i) if self.items_named else item
            out.append(checker.check_value(rule, element, path + (i,), name))
        return out if self.items_named else (tuple(out) if BAD not in out else BAD)

    def schema(self) -> dict:
        out = {"type": "array", "items": checker_schema(self.item)}
        if self.min_items:
            out["minItems"] = self.min_items
        return out


class Pair(Rule):
    """Exactly two values, e.g. ``[latitude, longitude]``; becomes a tuple."""

    scalar = False

    def __init__(self, first: Rule, second: Rule, what: str) -> None:
        self.rules, self.what = (first, second), what

    def walk(self, value, checker, path: tuple, item: str):
        if type(value) is not list or len(value) != 2:
            checker.problem(f"must be {self.what}", path, item)
            return BAD
        out = tuple(checker.check_value(rule, v, path + (i,), item) for i, (rule, v) in
                    enumerate(zip(self.rules, value)))
        return BAD if BAD in out else out

    def schema(self) -> dict:
        return {"type": "array", "prefixItems": [checker_schema(r) for r in self.rules],
                "minItems": 2, "maxItems": 2}


class Translations(Rule):
    """``{"de": {"title": ...}}``: per language, any of the item's translatable fields, typed as in English."""

    scalar = False

    def __init__(self, *names: str) -> None:
        self.names = names
        self.rules: dict[str, Rule] = {}     # bound to the owning item's field rules by Obj

    def bind(self, fields: dict[str, Field]) -> None:
        self.rules = {name: fields[name].rule for name in self.names}

    def walk(self, value, checker, path: tuple, item: str):
        if type(value) is not dict:
            checker.problem(f"must map a language code to texts, e.g. {{\"de\": {{\"{self.names[0]}\": "
                            f"\"...\"}}}}, got {kind_of(value)}", path, item)
            return BAD
        checker.keys_seen += len(value)
        out, ok = {}, True
        for language, texts in value.items():
            lpath = path + (language,)
            if type(language) is not str or not _LANGUAGE_RE.fullmatch(language):
                why = ("English is the main text; translations are for other languages"
                       if isinstance(language, str) and language.split("-")[0] == "en"
                       else "language codes are like de, fr or pt-BR")
                checker.problem(f"'{show(language)}': {why}", lpath, item)
                ok = False
                continue
            if type(texts) is not dict:
                checker.problem(f"must be an object of translated fields, got {kind_of(texts)}", lpath, item)
                ok = False
                continue
            checker.keys_seen += len(texts)
            translated = {}
            for name, text in texts.items():
                rule = self.rules.get(name)
                if rule is None:
                    checker.problem(f"'{show(name)}' cannot be translated here (translatable: "
                                    f"{', '.join(self.names)})", lpath + (name,), item)
                    ok = False
                    continue
                result = checker.check_value(rule, text, lpath + (name,), item)
                if result is BAD:
                    ok = False
                else:
                    translated[name] = result
            out[language] = translated
        return out if ok else BAD

    def schema(self) -> dict:
        return {"type": "object", "propertyNames": {"$ref": "#/$defs/language"},
                "additionalProperties": {"type": "object", "additionalProperties": False,
                                         "properties": {n: checker_schema(self.rules[n]) for n in self.names}}}


class Obj(Rule):
    """An item: its fields, the value object it builds, and its checks that need more than one field.

    ``build(values)`` gets the checked values by field name (absent optional fields are missing) and
    returns the model's object. Each of ``checks`` is ``check(values, report)``, run once every field is
    fine; ``report(message, field)`` records a problem. A ``partial`` item (the document, the dataset
    header) gives back the fields that are fine even when others are not.
    """

    scalar = False

    def __init__(self, noun: str, fields: list[Field], build: Callable | None = None,
                 checks: tuple[Callable, ...] = (), partial: bool = False) -> None:
        self.noun, self.partial = noun, partial
        self.fields = {f.name: f for f in fields}
        self.required = tuple(f.name for f in fields if f.required)
        self.build, self.checks = build, checks
        self.allowed = ", ".join(self.fields)
        for f in fields:
            if isinstance(f.rule, Translations):
                f.rule.bind(self.fields)

    def walk(self, raw, checker, path: tuple, item: str):
        return checker.check_object(self, raw, path, item)

    def schema(self) -> dict:
        out = {"type": "object"}
        if self.required:
            out["required"] = list(self.required)
        out["additionalProperties"] = False
        out["properties"] = {name: _with_doc(checker_schema(f.rule), f.doc) for name, f in self.fields.items()}
        return out


class _Bad:
    """Marks a value that broke its rule (the problem is recorded already)."""

    def __repr__(self) -> str:
        return "BAD"


BAD = _Bad()


def checker_schema(rule: Rule) -> dict:
    """A rule's schema, as a ``$ref`` where the rule is a shared definition."""
    return {"$ref": f"#/$defs/{rule.def_name}"} if rule.def_name else rule.schema()


def _with_doc(schema: dict, doc: str) -> dict:
    if not doc:
        return schema
    if "$ref" in schema:
        return {"$ref": schema["$ref"], "description": doc}
    return {"description": doc, **schema}


def _schema_chars(chars: str) -> str:
    """A character range for a JSON Schema pattern, with \\uXXXX escapes."""
    return "".join(c if c == "-" else f"\\u{ord(c):04x}" for c in chars)
