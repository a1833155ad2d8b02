"""Dataset value objects: places, events, links, eras and the dataset that holds them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from explorer.model.dates import HistDate
from explorer.model.relations import LinkView, label_for

KINDS = ("treaty", "conference", "agreement", "protocol", "declaration", "event", "military")


@dataclass(frozen=True)
class Place:
    """A place on the map: a town where something was signed, or a capital."""

    id: str
    name: str
    lat: float
    lon: float
    country: str
    historical_name: str | None = None
    capital: bool = False
    capital_of: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        """The name at the time, with today's name where it differs: ``Brest-Litovsk (Brest)``."""
        if self.historical_name and self.historical_name != self.name:
            return f"{self.historical_name} ({self.name})"
        return self.name


@dataclass(frozen=True)
class Signatory:
    """A person who signed, with the office they held."""

    name: str
    office: str = ""
    party: str | None = None


@dataclass(frozen=True)
class Source:
    """A citation, with a URL where there is one."""

    citation: str
    url: str | None = None


@dataclass(frozen=True)
class Event:
    """A dated agreement, conference or event at one place."""

    id: str
    title: str
    kind: str
    date: HistDate
    place_id: str
    summary: str
    sources: tuple[Source, ...]
    end_date: HistDate | None = None
    date_note: str | None = None
    parties: tuple[str, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    key_points: tuple[str, ...] = ()
    significance: str = ""
    tags: tuple[str, ...] = ()
    translations: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def start(self) -> dt.date:
        """The first day the event can mean."""
        return self.date.start

    @property
    def last(self) -> dt.date:
        """The last day the event covers."""
        return (self.end_date or self.date).end

    def date_label(self) -> str:
        """``16 April 1922`` or ``10 April 1922 – 19 May 1922``."""
        if self.end_date and self.end_date != self.date:
            return f"{self.date.label()} – {self.end_date.label()}"
        return self.date.label()

    def text(self, field_name: str, language: str = "en"):
        """A text field in ``language`` where the dataset has a translation, in English otherwise."""
        translated = self.translations.get(language, {}).get(field_name)
        return translated if translated else getattr(self, field_name)


@dataclass(frozen=True)
class Link:
    """A directed relation between two events, with a one-line explanation."""

    source_id: str
    target_id: str
    relation: str
    note: str


@dataclass(frozen=True)
class Era:
    """A named span of time shown as a band on the timeline."""

    name: str
    start: dt.date
    end: dt.date
    color: str = "#dddddd"


@dataclass(frozen=True)
class View:
    """A map view: centre, zoom and date."""

    center: tuple[float, float]
    zoom: float
    date: dt.date


@dataclass
class Dataset:
    """A validated dataset. Events are kept sorted by date, then id."""

    title: str
    description: str
    default_view: View
    places: dict[str, Place]
    events: list[Event]
    links: list[Link]
    eras: list[Era] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    path: str | None = None

    def __post_init__(self) -> None:
        self.events = sorted(self.events, key=lambda e: (e.start, e.id))
        self._by_id = {e.id: e for e in self.events}

    def event(self, event_id: str) -> Event:
        """The event with that id; KeyError naming the id and the dataset otherwise."""
        try:
            return self._by_id[event_id]
        except KeyError:
            raise KeyError(f"no event '{event_id}' in {self.path or self.title}") from None

    def has_event(self, event_id: str) -> bool:
        """Whether an event with this id exists."""
        return event_id in self._by_id

    def place_of(self, event: Event) -> Place:
        """The place an event happened at."""
        return self.places[event.place_id]

    @cached_property
    def _links_by_event(self) -> dict[str, list[LinkView]]:
        table: dict[str, list[LinkView]] = defaultdict(list)
        for link in self.links:
            table[link.source_id].append(
                LinkView(link.target_id, link.relation, label_for(link.relation, True), True, link.note))
            table[link.target_id].append(
                LinkView(link.source_id, link.relation, label_for(link.relation, False), False, link.note))
        return table

    def links_of(self, event_id: str) -> list[LinkView]:
        """Every link touching the event, read from its side ("reaffirms" becomes "reaffirmed by")."""
        views = self._links_by_event.get(event_id, [])
        return sorted(views, key=lambda v: (v.label, self._by_id[v.other_id].start))

    def grouped_links(self, event_id: str) -> dict[str, list[LinkView]]:
        """Links of an event grouped by how they read from it, in a stable order."""
        groups: dict[str, list[LinkView]] = {}
        for view in self.links_of(event_id):
            groups.setdefault(view.label, []).append(view)
        return groups

    @cached_property
    def capitals_by_party(self) -> dict[str, Place]:
        """Party (state) name -> its capital place, from the places marked as capitals."""
        table: dict[str, Place] = {}
        for place in self.places.values():
            if place.capital:
                for party in place.capital_of or (place.country,):
                    table.setdefault(party, place)
        return table

    @cached_property
    def kinds(self) -> list[str]:
        """The kinds present, in the canonical order."""
        present = {e.kind for e in self.events}
        return [k for k in KINDS if k in present]

    @cached_property
    def parties(self) -> list[str]:
        """Every party named by an event, sorted."""
        return sorted({p for e in self.events for p in e.parties})

    @cached_property
    def first_date(self) -> dt.date:
        """The earliest day of the dataset's events (or eras)."""
        days = [e.start for e in self.events] + [era.start for era in self.eras]
        return min(days) if days else self.default_view.date

    @cached_property
    def last_date(self) -> dt.date:
        """The last day of the dataset's events (or eras)."""
        days = [e.last for e in self.events] + [era.end for era in self.eras]
        return max(days) if days else self.default_view.date
