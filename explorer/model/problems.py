"""What is wrong with a dataset: one :class:`Problem` per thing, and the error that carries them all."""

from __future__ import annotations

from dataclasses import dataclass

#: Top-level lists whose elements are items of their own ("event 'rapallo-1922'", "place 3").
ITEM_LISTS = ("places", "events", "links", "parties")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dataset file.

    ``path`` is where in the document the problem is, as keys and list indexes from the top, e.g.
    ``("events", 3, "sources", 0, "url")`` (for a missing field, the path it would have). Importers use it
    to point back at their own rows. ``item`` names the item in words (``event 'rapallo-1922'``), ``field``
    the part of it (``sources[0].url``), ``line`` the line in the file (when checked from text).
    """

    file: str
    message: str
    line: int | None = None
    item: str | None = None     # e.g. "event 'rapallo-1922'" or "event 4"
    field: str | None = None    # e.g. "date", "sources[0].url", "translations.de.title"
    path: tuple = ()

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [p for p in (self.item, f"field '{self.field}'" if self.field else None) if p]
        return f"{where}: {', '.join(parts) + ': ' if parts else ''}{self.message}"


class DatasetError(Exception):
    """A dataset file could not be loaded; ``problems`` lists everything that is wrong."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def item_path(path: tuple) -> tuple:
    """The part of ``path`` that names the item: ``("events", 3)``, ``("dataset", "eras", 0)``, ``("dataset",)``."""
    if len(path) >= 2 and path[0] in ITEM_LISTS and type(path[1]) is int:
        return path[:2]
    if path[:2] == ("dataset", "eras") and len(path) >= 3 and type(path[2]) is int:
        return path[:3]
    if path[:1] == ("dataset",):
        return path[:1]
    return ()


#: The field part in words of paths below an item, by that part (an event's date is its date in any event).
_FIELD_NAMES: dict[tuple, str | None] = {}


def field_name(path: tuple) -> str | None:
    """The field part of ``path`` in words: ``("events", 3, "sources", 0, "url")`` -> ``sources[0].url``."""
    rest = path[len(item_path(path)):]
    try:
        return _FIELD_NAMES[rest]
    except KeyError:
        pass
    except TypeError:       # a part that cannot be a key
        return _field_name(rest)
    name = _field_name(rest)
    # The field names of one rule set are a few hundred; a file's own odd keys are not kept alive here.
    if len(_FIELD_NAMES) < 10_000 and all(type(step) is int or (type(step) is str and len(step) <= 64)
                                          for step in rest):
        _FIELD_NAMES[rest] = name
    return name


def _field_name(rest: tuple) -> str | None:
    from explorer.model.rule_types import show

    out = ""
    for step in rest:
        if type(step) is int:
            out += f"[{step}]"
        else:
            out += ("." if out else "") + show(step if isinstance(step, str) else repr(step))
    return out or None
