"""Check a parsed dataset document against the rule set and build the model from it.

:func:`check_document` takes the document as a dict (parsed from our JSON, or converted from another format
by an importer), walks it with the rules of ``rules.py``, applies the rules between items
(``references.py``) and returns the dataset, or None and every problem found. The loader, which also
has the text, calls :func:`check_root` and does the text's own checks itself (``loader.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from explorer.model.dataset import Dataset
from explorer.model.dates import explain_unsupported
from explorer.model.problems import Problem, field_name
from explorer.model.rule_structures import BAD, CHUNK, Obj
from explorer.model.json_types import kind_of
from explorer.model.rule_types import Invalid, Rule
from explorer.model.rules import DOCUMENT

#: At most this many dates get the slower "which EDTF form is this" explanation per check.
EXPLAINED_DATES = 20


class Checker:
    """Walks a document with the rules, collecting problems instead of stopping at the first.

    ``keys_seen`` counts the keys of every object walked: the loader compares it with the keys written
    in the file to tell cheaply that no object has a key twice. ``fast`` lets top-level lists be checked
    by the rules' fast path first (``rule_structures.py``); the careful walk is the same without it, only
    slower. ``chunks_walked`` and ``fast_failures`` say how often the fast path had to give way.
    """

    def __init__(self, file: str, fast: bool = True) -> None:
        self.file = file
        self.fast = fast
        self.problems: list[Problem] = []
        self.keys_seen = 0
        self.chunks_walked = 0
        self.fast_failures = 0
        self._explained = 0
        #: equal values kept once across the whole load (fields marked ``shared``; the fast path only)
        self.shared: dict = {}

    def problem(self, message: str, path: tuple, item) -> None:
        """Record a problem at ``path`` (keys and indexes from the top) in ``item``.

        ``item`` is the item's name, or (namer, element, index) to name it only now that it is needed.
        """
        if type(item) is tuple:
            namer, element, index = item
            item = namer(element, index)
        self.problems.append(Problem(self.file, message, None, item, field_name(path), path))

    def invalid(self, exc: Invalid, path: tuple, item) -> None:
        """Record a rule's Invalid, saying which EDTF form a date is when it is one we do not read."""
        message = exc.message
        if exc.explain_date is not None and self._explained < EXPLAINED_DATES:
            self._explained += 1
            why = explain_unsupported(exc.explain_date)
            if why:
                message = f"{message} ({why})"
        self.problem(message, path, item)

    def check_value(self, rule: Rule, value, path: tuple, item):
        """``value`` checked and converted by ``rule``, or BAD (with the problems recorded)."""
        if rule.scalar:
            try:
                return rule.check(value)
            except Invalid as exc:
                self.invalid(exc, path, item)
                return BAD
        return rule.walk(value, self, path, item)

    def check_object(self, spec: Obj, raw, path: tuple, item):
        """An item's fields checked one by one; its object built if all are fine, else BAD.

        Items marked ``partial`` (the document, the dataset header) return the fields that are fine
        even when others are not, so that the rules between items still run.
        """
        if type(raw) is not dict:
            self.problem(f"must be an object ({spec.noun}), got {kind_of(raw)}", path, item)
            return BAD
        self.keys_seen += len(raw)
        problems = self.problems
        before = len(problems)
        dispatch = spec.dispatch
        values = {}
        for key, value in raw.items():
            entry = dispatch.get(key)
            if entry is None:
                self.problem(f"unknown field (allowed: {spec.allowed})", path + (key,), item)
                continue
            is_text, check, walk, field_item = entry
            if is_text and type(value) is str and value and not value.isspace():
                values[key] = value         # the most common field, checked here without a call
            elif check is not None:
                try:
                    values[key] = check(value)
                except Invalid as exc:
                    self.invalid(exc, path + (key,), item)
            else:
                result = walk(value, self, path + (key,), field_item or item)
                if result is not BAD:
                    values[key] = result
        if not spec.required_set <= raw.keys():
            for name in spec.required:
                if name not in raw:
                    self.problem("missing required field", path + (name,), item)
        if spec.partial:
            return values
        if len(problems) != before:
            return BAD
        built = spec.build(*[values.get(f.name, f.default) for f in spec.field_list])
        for check in spec.checks:
            for message, where in check(built) or ():
                self.problem(message, path + where, item)
        return BAD if len(problems) != before else built


def check_document(root, file: str) -> tuple[Dataset | None, list[Problem]]:
    """Check a parsed document (a dict as our JSON format has it); return the dataset or None, and every problem.

    Importers of other formats convert to this dict and call this. Each problem's ``path`` points into
    ``root``; ``line`` is None (there is no text). Strings are checked for control characters here too.
    """
    from explorer.model import text_checks

    checker = Checker(file)
    if type(root) is not dict:
        checker.problem(f"the file must hold one JSON object {{format, dataset, places, events, ...}}, "
                        f"got {kind_of(root)}", (), "top level")
        return None, checker.problems
    dataset = check_root(checker, root)
    checker.problems.extend(text_checks.bad_characters(root, file))
    if checker.problems:
        return None, checker.problems
    return dataset, []


def check_root(checker: Checker, root: dict) -> Dataset | None:
    """Walk ``root`` (a dict) and apply the rules between items; the dataset if nothing is wrong.

    The problems are in ``checker.problems``; control characters and repeated keys are not looked for here.
    """
    from explorer.model import references

    values = checker.check_object(DOCUMENT, root, (), "top level")
    model = references.check(checker, root, values)
    if checker.problems or model is None:
        return None
    return _dataset(checker, values, model)


def check_in_pieces(checker: Checker, lists: dict, read_rest: Callable[[], object]) -> Dataset | None:
    """The dataset from a document read in parts: its top-level lists ``lists`` (name -> iterable of pieces,
    each a list of elements) a piece at a time, then the rest (``read_rest()``: the document with those
    lists written as ``[]``). None at the first problem or doubt, with or without problems recorded: then
    the whole document is to be checked by :func:`check_root`, which reports them (``pieces.py`` says why a
    big file is read this way).
    """
    from explorer.model import references

    built_lists = {}
    for name, pieces in lists.items():
        rule, built, path = DOCUMENT.fields[name].rule, [], (name,)
        for piece in pieces:
            for start in range(0, len(piece), CHUNK):
                rule.check_chunk(piece[start:start + CHUNK], len(built), checker, path, built)
            if checker.problems:
                return None
        built_lists[name] = built
    rest = read_rest()
    if type(rest) is not dict or any(rest.get(name, None) != [] for name in lists):
        return None
    values = checker.check_object(DOCUMENT, rest, (), "top level")
    if checker.problems:
        return None
    values.update(built_lists)
    model = references.quick(values)        # the rules between items, where they can be vouched for at once
    return None if model is None else _dataset(checker, values, model)


def _dataset(checker: Checker, values: dict, model) -> Dataset:
    header = values["dataset"]
    return Dataset(header["title"], header["description"], header["default_view"], model.places, model.events,
                   model.links, list(header.get("eras", ())), list(header.get("credits", ())),
                   checker.file, header.get("translations") or {}, model.party_table,
                   events_in_order=model.events_in_order)
