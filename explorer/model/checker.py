"""Check a parsed dataset document against the rule set and build the model from it.

:func:`check_document` is the one entry point: it takes the document as a dict (parsed from our JSON, or
converted from another format by an importer), walks it with the rules of ``rules.py``, applies the rules
between items (``references.py``) and returns the dataset, or None and every problem found.
"""

from __future__ import annotations

from explorer.model.dataset import Dataset
from explorer.model.dates import explain_unsupported
from explorer.model.problems import Problem, field_name
from explorer.model.rule_types import BAD, Invalid, Obj, Rule, kind_of
from explorer.model.rules import DOCUMENT

#: At most this many dates get the slower "which EDTF form is this" explanation per check.
EXPLAINED_DATES = 20


class Checker:
    """Walks a document with the rules, collecting problems instead of stopping at the first.

    ``keys_seen`` counts the keys of every object walked: the loader compares it with the keys written
    in the file to tell cheaply that no object has a key twice.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.keys_seen = 0
        self._explained = 0

    def problem(self, message: str, path: tuple, item: str | None) -> None:
        """Record a problem at ``path`` (keys and indexes from the top) in ``item``."""
        self.problems.append(Problem(self.file, message, None, item, field_name(path), path))

    def invalid(self, exc: Invalid, path: tuple, item: str | None) -> None:
        """Record a rule's Invalid, saying which EDTF form a date is when it is one we do not read."""
        message = exc.message
        if exc.explain_date is not None and self._explained < EXPLAINED_DATES:
            self._explained += 1
            why = explain_unsupported(exc.explain_date)
            if why:
                message = f"{message} ({why})"
        self.problem(message, path, item)

    def check_value(self, rule: Rule, value, path: tuple, item: str | None):
        """``value`` checked and converted by ``rule``, or BAD (with the problems recorded)."""
        if rule.scalar:
            try:
                return rule.check(value)
            except Invalid as exc:
                self.invalid(exc, path, item)
                return BAD
        return rule.walk(value, self, path, item)

    def check_object(self, spec: Obj, raw, path: tuple, item: str | None):
        """An item's fields checked one by one; its object built if all are fine, else BAD.

        Items marked ``partial`` (the document, the dataset header) return the fields that are fine
        even when others are not, so that the rules between items still run.
        """
        if type(raw) is not dict:
            self.problem(f"must be an object ({spec.noun}), got {kind_of(raw)}", path, item)
            return BAD
        self.keys_seen += len(raw)
        before = len(self.problems)
        fields = spec.fields
        values = {}
        for key, value in raw.items():
            field = fields.get(key)
            if field is None:
                self.problem(f"unknown field (allowed: {spec.allowed})", path + (key,), item)
                continue
            rule = field.rule
            if rule.scalar:
                try:
                    values[key] = rule.check(value)
                except Invalid as exc:
                    self.invalid(exc, path + (key,), item)
            else:
                result = rule.walk(value, self, path + (key,), item)
                if result is not BAD:
                    values[key] = result
        for name in spec.required:
            if name not in raw:
                self.problem("missing required field", path + (name,), item)
        if len(self.problems) == before:
            for check in spec.checks:
                check(values, lambda message, where: self.problem(
                    message, path + (tuple(where.split(".")) if isinstance(where, str) else where), item))
        if spec.partial:
            return values
        if len(self.problems) != before:
            return BAD
        return spec.build(values) if spec.build else values


def check_document(root, file: str) -> tuple[Dataset | None, list[Problem]]:
    """Check a parsed document (a dict as our JSON format has it); return the dataset or None, and every problem.

    Importers of other formats convert to this dict and call this. Each problem's ``path`` points into
    ``root``; ``line`` is None (there is no text). Strings are checked for control characters here too.
    """
    from explorer.model import references, text_checks

    checker = Checker(file)
    if type(root) is not dict:
        checker.problem(f"the file must hold one JSON object {{format, dataset, places, events, ...}}, "
                        f"got {kind_of(root)}", (), "top level")
        return None, checker.problems
    dataset = _check(checker, root)
    checker.problems.extend(text_checks.bad_characters(root, file))
    if checker.problems:
        return None, checker.problems
    return dataset, []


def _check(checker: Checker, root: dict) -> Dataset | None:
    """Walk ``root`` (a dict) and apply the rules between items; the dataset if nothing is wrong."""
    from explorer.model import references

    values = checker.check_object(DOCUMENT, root, (), "top level")
    model = references.check(checker, root, values)
    if checker.problems or model is None:
        return None
    header = values["dataset"]
    return Dataset(header["title"], header["description"], header["default_view"], model.places, model.events,
                   model.links, [e for e in header.get("eras", ()) if e is not BAD], list(header.get("credits", ())),
                   checker.file, header.get("translations") or {}, model.party_table)
