"""The rules that hold other rules: items (``Obj``) and their fields, lists, pairs and translations.

Like the scalar rules (``rule_types.py``), each has a careful face and a fast one. ``walk`` checks a value
part by part through the checker (``checker.py``), recording every problem with its path, so a file's
problems are all reported at once; ``many`` checks a whole column of such values at C speed and raises
Unsure when it cannot vouch for them. Top-level lists are checked in chunks by the fast face first and
walked carefully only where a chunk is unsure, so a valid file never pays for the careful walk and a
broken one pays for it only around its problems.

The walk follows the rules, never the data: its depth is the rule set's (at most six), whatever the
nesting of the file.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain, islice, repeat
from operator import itemgetter, methodcaller
from types import MappingProxyType

from explorer.model.json_types import kind_of
from explorer.model.rule_schema import checker_schema, with_doc as _with_doc
from explorer.model.rule_types import LANGUAGE_RE, Invalid, Rule, Text, Unsure, all_text, show

#: Top-level lists are checked this many items at a time by the fast path.
CHUNK = 1024
#: The translations of an item without any (shared, so read-only).
NO_TRANSLATIONS = MappingProxyType({})
_DICT_ONLY = frozenset((dict,))
_LIST_ONLY = frozenset((list,))


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


#: A value that broke its rule (the problem is recorded already).
BAD = _Marker("BAD")
#: A field the item does not have.
MISSING = _Marker("MISSING")


@dataclass(frozen=True)
class Field:
    """One field of an item: its name, rule, whether it is required, what it means, its value when absent."""

    name: str
    rule: Rule
    required: bool = False
    doc: str = ""
    default: object = None
    #: the name in messages of the item this field's value is, where it is one (``dataset``)
    item: str | None = None
    #: the builder's parameter name, where the field's name cannot be one (``from``)
    arg: str | None = None
    #: values many items repeat (a kind, a place, parties, tags): equal ones are kept as one object
    shared: bool = False


class ListOf(Rule):
    """A list whose every element follows ``item``; becomes a tuple (a list, for the top-level lists).

    ``items_named(element, index)`` marks a top-level list (places, events ...) and names each element in
    messages ("event 'x'"); it is called only when there is a problem to report.
    """

    scalar = False

    def __init__(self, item: Rule, min_items: int = 0, items_named: Callable | None = None,
                 empty_message: str | None = None) -> None:
        self.item, self.min_items, self.items_named = item, min_items, items_named
        self.empty_message = empty_message

    def walk(self, value, checker, path: tuple, item):
        if type(value) is not list:
            checker.problem(f"must be a list, got {kind_of(value)}", path, item)
            return BAD
        if len(value) < self.min_items:
            checker.problem(self.empty_message or f"needs at least {self.min_items}", path, item)
            return BAD
        rule = self.item
        if self.items_named is not None:
            return self._walk_items(value, checker, path)
        if type(rule) is Text and all_text(value):
            return tuple(value)             # the common case, a list of good texts, checked at C speed
        if isinstance(rule, Obj):
            out = [checker.check_object(rule, element, path + (i,), item) for i, element in enumerate(value)]
        else:
            out = [checker.check_value(rule, element, path + (i,), item) for i, element in enumerate(value)]
        return BAD if BAD in out else tuple(out)

    def _walk_items(self, value: list, checker, path: tuple) -> list:
        """A top-level list: each chunk by the fast path, or element by element where it is unsure."""
        out: list = []
        for start in range(0, len(value), CHUNK):
            self.check_chunk(value[start:start + CHUNK], start, checker, path, out)
        return out

    def check_chunk(self, chunk: list, start: int, checker, path: tuple, out: list) -> None:
        """Elements ``start`` on of a top-level list (at most CHUNK of them) checked and built onto ``out``:
        by the fast path, or element by element where it is unsure."""
        rule, named = self.item, self.items_named
        if checker.fast:
            keys_before = checker.keys_seen
            try:
                if isinstance(rule, Obj):           # problems in scalar fields reported column by column
                    out.extend(rule.many(chunk, checker, (path, named, start)))
                else:
                    out.extend(rule.many(chunk, checker))
                return
            except Unsure:
                pass
            except Exception:       # noqa: BLE001 - whatever the fast path did not foresee, the walk decides
                checker.fast_failures += 1
            checker.keys_seen = keys_before
            checker.chunks_walked += 1
        for i, element in enumerate(chunk, start):
            out.append(checker.check_value(rule, element, path + (i,), (named, element, i)))

    def many(self, values: list, checker) -> list:
        if not set(map(type, values)) <= _LIST_ONLY:
            raise Unsure
        lengths = list(map(len, values))
        if self.min_items and lengths and min(lengths) < self.min_items:
            raise Unsure
        flat = list(chain.from_iterable(values))
        converted = self.item.many(flat, checker)
        if converted is flat:               # kept as they were (texts, ids)
            return list(map(tuple, values))
        parts = iter(converted)
        return [tuple(islice(parts, n)) for n in lengths]

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

    def walk(self, value, checker, path: tuple, item):
        if type(value) is not list or len(value) != 2:
            checker.problem(f"must be {self.what}", path, item)
            return BAD
        out = tuple(checker.check_value(rule, v, path + (i,), item) for i, (rule, v) in
                    enumerate(zip(self.rules, value)))
        return BAD if BAD in out else out

    def many(self, values: list, checker) -> list:
        raise Unsure                        # only in the dataset header, which is walked

    def schema(self) -> dict:
        return {"type": "array", "prefixItems": [checker_schema(r) for r in self.rules],
                "minItems": 2, "maxItems": 2}


class Translations(Rule):
    """``{"de": {"title": ...}}``: per language, any of the item's translatable fields, typed as in English."""

    scalar = False

    def __init__(self, *names: str) -> None:
        self.names = names
        self.names_set = frozenset(names)
        self.rules: dict[str, Rule] = {}     # bound to the owning item's field rules by Obj

    def bind(self, fields: dict[str, Field]) -> None:
        self.rules = {name: fields[name].rule for name in self.names}

    def walk(self, value, checker, path: tuple, item):
        if type(value) is not dict:
            checker.problem(f"must map a language code to texts, e.g. {{\"de\": {{\"{self.names[0]}\": "
                            f"\"...\"}}}}, got {kind_of(value)}", path, item)
            return BAD
        checker.keys_seen += len(value)
        out, ok = {}, True
        for language, texts in value.items():
            lpath = path + (language,)
            if type(language) is not str or not LANGUAGE_RE.fullmatch(language):
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

    def many(self, values: list, checker) -> list:
        if not set(map(type, values)) <= _DICT_ONLY:
            raise Unsure
        checker.keys_seen += sum(map(len, values))
        if not all(type(lang) is str and LANGUAGE_RE.fullmatch(lang) for lang in set(chain.from_iterable(values))):
            raise Unsure
        inner = list(chain.from_iterable(map(dict.values, values)))
        if not set(map(type, inner)) <= _DICT_ONLY:
            raise Unsure
        checker.keys_seen += sum(map(len, inner))
        if not self.names_set.issuperset(chain.from_iterable(inner)):
            raise Unsure
        converted = False
        for name, rule in self.rules.items():
            column = [texts[name] for texts in inner if name in texts]
            if column and rule.many(column, checker) is not column:
                converted = True
        if not converted:                   # texts only: the parsed objects are the checked ones
            return values
        return [{language: {name: tuple(text) if type(text) is list else text for name, text in texts.items()}
                 for language, texts in value.items()} for value in values]

    def schema(self) -> dict:
        return {"type": "object", "propertyNames": {"$ref": "#/$defs/language"},
                "additionalProperties": {"type": "object", "additionalProperties": False,
                                         "properties": {n: checker_schema(self.rules[n]) for n in self.names}}}


class Obj(Rule):
    """An item: its fields, the value object it builds, and the checks that need more than one field.

    ``build`` is called with the checked value of every field, in the order of the fields (``default``
    for an absent one), and returns the model's object; its parameters are named like the fields (or
    their ``arg``), which is checked here. Each of ``checks`` is ``check(obj)`` on the built object,
    returning a list of (message, path within the item) or None; a check may name in ``check.needs`` the
    optional fields without which it finds nothing. A ``partial`` item (the document, the dataset
    header) has no builder: it gives back the values that are fine even when others are not.
    """

    scalar = False

    def __init__(self, noun: str, fields: list[Field], build: Callable | None = None,
                 checks: tuple[Callable, ...] = (), partial: bool = False) -> None:
        self.noun, self.partial = noun, partial
        self.field_list = tuple(fields)
        self.fields = {f.name: f for f in fields}
        self.required = tuple(f.name for f in fields if f.required)
        self.required_set = frozenset(self.required)
        self.allowed_set = frozenset(self.fields)
        self.allowed = ", ".join(self.fields)
        self.build, self.checks = build, checks
        if build is not None:
            wanted = [f.arg or f.name for f in fields]
            if list(inspect.signature(build).parameters) != wanted:
                raise TypeError(f"the builder of {noun} must take ({', '.join(wanted)})")
        #: field name -> (is plain text, scalar check or None, walk or None, item name override)
        self.dispatch = {f.name: (type(f.rule) is Text, f.rule.check if f.rule.scalar else None,
                                  None if f.rule.scalar else f.rule.walk, f.item) for f in fields}
        for f in fields:
            if isinstance(f.rule, Translations):
                f.rule.bind(self.fields)

    def walk(self, raw, checker, path: tuple, item):
        return checker.check_object(self, raw, path, item)

    def many(self, raws: list, checker, report: tuple | None = None) -> list:
        """Every element checked and built column by column; Unsure if any might be wrong.

        With ``report`` (the list's path, its namer and the chunk's first index: a top-level list), a
        scalar field's column that cannot be vouched for is checked value by value instead, each problem
        recorded as the careful walk records it (same path, item, message and order), and those elements
        come back BAD: a file whose every event has a bad date is then reported column by column, not
        walked event by event. Anything else that might be wrong still raises Unsure.
        """
        if self.build is None or not set(map(type, raws)) <= _DICT_ONLY:
            raise Unsure
        if not raws:
            return []
        checker.keys_seen += sum(map(len, raws))
        keys = set(chain.from_iterable(raws))
        if not keys <= self.allowed_set:
            raise Unsure
        failures: dict[int, list] | None = {} if report is not None else None
        columns = []
        for field in self.field_list:
            name = field.name
            if field.required:
                try:
                    column = list(map(itemgetter(name), raws))
                except KeyError:
                    raise Unsure from None
                checked = _column(field, column, None, checker, failures)
                columns.append(_share(checked, checker.shared) if field.shared else checked)
            elif name not in keys:
                columns.append(repeat(field.default, len(raws)))
            else:
                column = list(map(methodcaller("get", name, MISSING), raws))
                if MISSING in column:
                    rows = [i for i, v in enumerate(column) if v is not MISSING]
                    present = [column[i] for i in rows]
                else:
                    rows, present = None, column
                checked = _column(field, present, rows, checker, failures)
                if field.shared:
                    checked = _share(checked, checker.shared)
                if len(present) == len(column):
                    columns.append(checked)
                else:
                    parts, default = iter(checked), field.default
                    columns.append([next(parts) if v is not MISSING else default for v in column])
        if failures:
            good = [i for i in range(len(raws)) if i not in failures]
            columns = [[column[i] for i in good] if type(column) is list else repeat(field.default, len(good))
                       for column, field in zip(columns, self.field_list)]
        built = list(map(self.build, *columns))
        for check in self.checks:
            # A check that looks at fields none of these items has cannot find anything.
            if keys.isdisjoint(getattr(check, "needs", keys)):
                continue
            if any(map(check, built)):
                raise Unsure
        if not failures:
            return built
        path, named, start = report
        for row in sorted(failures):
            raw, index, found = raws[row], start + row, failures[row]
            if len(found) > 1:              # in the order the fields are written, as the walk finds them
                order = {key: n for n, key in enumerate(raw)}
                found = sorted(found, key=lambda failure: order[failure[0]])
            for name, exc in found:
                checker.invalid(exc, path + (index, name), (named, raw, index))
        out, parts = [], iter(built)
        for row in range(len(raws)):
            out.append(BAD if row in failures else next(parts))
        return out

    def schema(self) -> dict:
        out = {"type": "object"}
        if self.required:
            out["required"] = list(self.required)
        out["additionalProperties"] = False
        out["properties"] = {name: _with_doc(checker_schema(f.rule), f.doc) for name, f in self.fields.items()}
        return out


def _column(field: Field, values: list, rows: list | None, checker, failures: dict | None) -> list:
    """A field's column checked by its rule's fast face; where that is unsure and ``failures`` is given
    (a scalar field of a top-level list), value by value: each Invalid kept under its row, the value BAD."""
    try:
        return field.rule.many(values, checker)
    except Unsure:
        if failures is None or not field.rule.scalar:
            raise
    out = []
    check = field.rule.check
    for row, value in zip(range(len(values)) if rows is None else rows, values):
        try:
            out.append(check(value))
        except Invalid as exc:
            # What it says, not the exception: its traceback (and its cause's) would hold this frame and its
            # callers' (the whole parsed document) in a cycle through ``failures``, which the loader's
            # freeze would then keep for good.
            failures.setdefault(row, []).append((field.name, Invalid(exc.message, exc.explain_date)))
            out.append(BAD)
    return out


def _share(values: list, canon: dict) -> list:
    """``values`` with each one replaced by the first equal value seen in this load (``canon``): the parser
    makes a new object for every value it reads, and at 100,000 events the same kind, place, parties or
    tags written again and again are megabytes. Tuples (of texts) are shared whole and part by part."""
    share = canon.setdefault
    if values and type(values[0]) is tuple:
        out = []
        for value in values:
            shared = canon.get(value)
            if shared is None:
                shared = canon[value] = tuple(share(v, v) for v in value)
            out.append(shared)
        return out
    return list(map(share, values, values))


__all__ = ["BAD", "CHUNK", "MISSING", "NO_TRANSLATIONS", "Field", "Invalid", "ListOf", "Obj", "Pair",
           "Translations"]
