"""The link vocabulary: each relation and how it reads from the other end."""

from __future__ import annotations

from dataclasses import dataclass, field

#: relation id -> (forward label, inverse label)
RELATIONS: dict[str, tuple[str, str]] = {
    "led_to": ("led to", "followed from"),
    "reaffirms": ("reaffirms", "reaffirmed by"),
    "extends": ("extends", "extended by"),
    "answers": ("answers", "answered by"),
    "supersedes": ("supersedes", "superseded by"),
    "broken_by": ("broken by", "broke"),
    "prompted": ("prompted", "prompted by"),
    "cites": ("cites", "cited by"),
    "implements": ("implements", "implemented by"),
    "parallels": ("parallels", "parallels"),
    # In time only: no causation claimed.
    "preceded": ("preceded", "followed"),
    # One side said the later event broke or undermined it; the other denied it.
    "challenged_by": ("challenged by", "challenged"),
}

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


def label_for(relation: str, outgoing: bool) -> str:
    """How ``relation`` reads from the event at its start (outgoing) or its end."""
    forward, inverse = RELATIONS[relation]
    return forward if outgoing else inverse
