"""The link vocabulary: each relation and how it reads from either end, in the interface's languages.

The relation ids are fixed here; their names ("led to" / "führte zu", read from the other end "followed
from" / "folgte aus") live in the catalogues with the other interface strings (``relation.<id>`` and
``relation.<id>.inverse``), read only when a label is first asked for.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

#: Every relation a link may have, in the order the vocabulary is listed.
RELATION_IDS = ("led_to", "reaffirms", "extends", "answers", "supersedes", "broken_by", "prompted", "cites",
                "implements", "parallels",
                "preceded",           # in time only: no causation claimed
                "challenged_by")      # one side said the later event broke or undermined it; the other denied it

#: Relations that have no direction; every other relation must not form a cycle.
SYMMETRIC = frozenset({"parallels"})


@dataclass(frozen=True)
class LinkView:
    """A link seen from one of its events: the other event, how it reads from here, and the note."""

    other_id: str
    relation: str
    label: str
    outgoing: bool
    note: str
    translations: dict = field(default_factory=dict, compare=False, hash=False)

    def note_in(self, language: str) -> str:
        """The link's note in ``language`` where the dataset translates it, else in English."""
        translated = self.translations.get(language, {}).get("note") if language != "en" else None
        return translated or self.note

    def label_in(self, language: str) -> str:
        """How the link reads from this end in ``language``: ``followed from`` / ``folgte aus``."""
        return label_for(self.relation, self.outgoing, language)


@functools.lru_cache(maxsize=256)        # a few dozen answers, asked for once per link of a large dataset
def label_for(relation: str, outgoing: bool, language: str = "en") -> str:
    """How ``relation`` reads from the event at its start (outgoing) or its end, in ``language``."""
    from explorer.model.i18n import tr

    return tr(language, f"relation.{relation}" if outgoing else f"relation.{relation}.inverse")


def relation_labels(language: str = "en") -> dict[str, tuple[str, str]]:
    """relation id -> (forward label, inverse label) in ``language`` (for the map page's link labels)."""
    return {relation: (label_for(relation, True, language), label_for(relation, False, language))
            for relation in RELATION_IDS}


def __getattr__(name: str):
    # ``RELATIONS`` (id -> English labels) is what the map page and older code read; built on first use, so
    # importing the vocabulary (the loader does) never reads a catalogue.
    if name == "RELATIONS":
        return relation_labels("en")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
