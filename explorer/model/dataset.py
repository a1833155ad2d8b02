"""Dataset value objects: places, events, links, eras, parties and the dataset that holds them.

Every object with translatable texts has ``text(field, language)``: the text in that language where the
dataset gives one, the English text otherwise. The loader builds these objects only from checked data
(see ``explorer/model/loader.py``), so their fields always have the documented types.

They are values: equal when their fields are, hashable, and never changed after loading. The ones a
dataset has by the hundred thousand (events, signatories, sources, links, places) are not ``frozen``
dataclasses only because those take four times as long to build (``object.__setattr__`` per field):
treat them as frozen all the same.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from dataclasses import InitVar, dataclass, field
from functools import cached_property
from itertools import chain
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

from explorer.model.dates import HistDate
from explorer.model.kinds import KINDS  # noqa: F401  (defined with how each kind is drawn; imported from here too)
from explorer.model.relations import LinkView, label_for

if TYPE_CHECKING:
    import numpy as np


class Translatable:
    """Adds ``text(field, language)`` to a value object that has a ``translations`` mapping."""

    __slots__ = ()
    translations: dict

    def text(self, field_name: str, language: str = "en"):
        """``field_name`` in ``language`` (``de-AT`` falls back to ``de``), else the English text."""
        translations = self.translations
        if translations and language != "en":
            texts = translations.get(language)
            if texts is None and "-" in language:
                texts = translations.get(language.split("-", 1)[0])
            if texts:
                value = texts.get(field_name)
                if value is not None:
                    return value
        return getattr(self, field_name)


def _no_translations() -> dict:
    return {}


@dataclass(slots=True, unsafe_hash=True)
class Place(Translatable):
    """A place on the map: a town where something was signed, or a capital."""

    id: str
    name: str
    lat: float
    lon: float
    country: str
    historical_name: str | None = None
    capital: bool = False
    capital_of: tuple[str, ...] = ()
    translations: dict = field(default_factory=_no_translations, hash=False, compare=False)

    @property
    def display_name(self) -> str:
        """The name at the time, with today's name where it differs: ``Brest-Litovsk (Brest)``."""
        return self.display_name_in("en")

    def display_name_in(self, language: str) -> str:
        """``display_name`` in ``language``: ``Genua``, ``Brest-Litowsk (Brest)``."""
        name = self.text("name", language)
        historical = self.text("historical_name", language)
        if historical and historical != name:
            return f"{historical} ({name})"
        return name


@dataclass(slots=True, unsafe_hash=True)
class Party(Translatable):
    """A state (or other body) that events name as a party, with its later name if it was renamed."""

    name: str
    renamed_to: str | None = None
    translations: dict = field(default_factory=_no_translations, hash=False, compare=False)


@dataclass(slots=True, unsafe_hash=True)
class Signatory(Translatable):
    """A person who signed, with the office they held."""

    name: str
    office: str = ""
    party: str | None = None
    translations: dict = field(default_factory=_no_translations, hash=False, compare=False)


@dataclass(slots=True, unsafe_hash=True)
class Source:
    """A citation, with a URL where there is one and a note (e.g. where sources disagree)."""

    citation: str
    url: str | None = None
    note: str | None = None


@dataclass(slots=True, unsafe_hash=True)
class Media:
    """A picture or document elsewhere, listed as a link (never loaded by the app)."""

    url: str
    caption: str | None = None
    credit: str | None = None


@dataclass(slots=True, unsafe_hash=True)
class Event(Translatable):
    """A dated agreement, conference or event, at one place or (``place_id`` None) at none."""

    id: str
    title: str
    kind: str
    date: HistDate
    place_id: str | None
    summary: str
    sources: tuple[Source, ...]
    end_date: HistDate | None = None
    date_note: str | None = None
    parties: tuple[str, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    key_points: tuple[str, ...] = ()
    significance: str = ""
    tags: tuple[str, ...] = ()
    translations: dict = field(default_factory=_no_translations, hash=False, compare=False)
    display_date: str | None = None
    place_state: str | None = None
    media: tuple[Media, ...] = ()

    @property
    def start(self) -> dt.date:
        """The first day the event can mean: from then on it is on the map."""
        return self.date.start

    @property
    def last(self) -> dt.date:
        """The last day the event covers."""
        return (self.end_date or self.date).end

    def date_label(self, language: str = "en") -> str:
        """``16 April 1922``, ``10 April – 19 May 1922``, ``about 1925``, or the dataset's ``display_date``."""
        if self.display_date:
            return self.text("display_date", language)
        if self.end_date and self.end_date != self.date:
            from explorer.model.date_labels import range_label

            return range_label(self.date, self.end_date, language)
        return self.date.label(language)


@dataclass(slots=True, unsafe_hash=True)
class Link(Translatable):
    """A directed relation between two events, with a one-line explanation."""

    source_id: str
    target_id: str
    relation: str
    note: str
    translations: dict = field(default_factory=_no_translations, hash=False, compare=False)


@dataclass(slots=True, unsafe_hash=True)
class Era(Translatable):
    """A named span of time shown as a band on the timeline."""

    name: str
    start: dt.date
    end: dt.date
    color: str = "#dddddd"
    translations: dict = field(default_factory=_no_translations, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class View:
    """A map view: centre, zoom and date."""

    center: tuple[float, float]
    zoom: float
    date: dt.date


@dataclass
class Dataset(Translatable):
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
    translations: dict = field(default_factory=dict)
    #: the ``parties`` table by name, in file order (empty when the file has none)
    party_table: dict[str, Party] = field(default_factory=dict)
    #: the file as it was when it was read (absolute path, size, modification time in ns), set by the
    #: loader; None for a dataset made otherwise, and for one made from another (``dataclasses.replace``
    #: does not carry it over). Caches of what is derived from the dataset key on it.
    file_stamp: tuple[str, int, int] | None = field(default=None, init=False, compare=False, repr=False)

    #: True when ``events`` are in order already (the loader sorts them), so they need no sorting here
    events_in_order: InitVar[bool] = False

    def __post_init__(self, events_in_order: bool) -> None:
        if not events_in_order:
            self.events = in_event_order(self.events)
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

    def place_of(self, event: Event) -> Place | None:
        """The place an event happened at; None for an event without a place."""
        return self.places[event.place_id] if event.place_id is not None else None

    @cached_property
    def _link_ends(self) -> tuple[np.ndarray, np.ndarray]:
        """Every link's two ends grouped by event: ``ends[starts[i]:starts[i + 1]]`` are the ends at the
        event in position ``i``, each a number ``k``: link ``k`` from there, or link ``k - len(links)`` to
        there. Two arrays instead of a LinkView per end (240,000 objects, 50 MB at 100,000 events);
        the views are made when an event's links are asked for."""
        import numpy as np

        links = self.links
        if not links:
            return np.zeros(0, dtype=np.int32), np.zeros(len(self.events) + 1, dtype=np.int64)
        position = dict(zip(map(_id, self.events), range(len(self.events))))
        at = np.array(_looked_up(position, map(_source_id, links)) + _looked_up(position, map(_target_id, links)),
                      dtype=np.int32)
        ends = np.argsort(at, kind="stable").astype(np.int32)
        starts = np.searchsorted(at[ends], np.arange(len(self.events) + 1, dtype=np.int32))
        return ends, starts

    def _position(self, event: Event) -> int:
        """Where ``event`` sits in ``events`` (sorted by first day, then id)."""
        i = bisect_left(self.events, (event.date.start, event.id), key=_order_key)
        return i if i < len(self.events) and self.events[i] is event else self.events.index(event)

    def links_of(self, event_id: str) -> list[LinkView]:
        """Every link touching the event, read from its side ("reaffirms" becomes "reaffirmed by")."""
        event = self._by_id.get(event_id)
        if event is None:
            return []
        ends, starts = self._link_ends
        i, links = self._position(event), self.links
        views = []
        for k in ends[starts[i]:starts[i + 1]].tolist():
            outgoing = k < len(links)
            link = links[k if outgoing else k - len(links)]
            views.append(LinkView(link.target_id if outgoing else link.source_id, link.relation,
                                  label_for(link.relation, outgoing), outgoing, link.note, link.translations))
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
        present = set(map(_kind, self.events))
        return [k for k in KINDS if k in present]

    @cached_property
    def parties(self) -> list[str]:
        """Every party named by an event, sorted."""
        return sorted(set(chain.from_iterable(set(map(_parties, self.events)))))   # each distinct tuple once

    def party(self, name: str) -> Party:
        """The ``parties`` table's record for ``name`` (a bare record when the table does not list it)."""
        return self.party_table.get(name) or Party(name)

    def party_name(self, name: str, language: str = "en") -> str:
        """A party's name in ``language``: ``Sowjetrussland`` for ``Soviet Russia`` in German."""
        return self.party(name).text("name", language)

    @cached_property
    def _party_families(self) -> dict[str, frozenset[str]]:
        """Each renamed party's name -> every name of that state (renames followed both ways)."""
        neighbours: dict[str, set[str]] = defaultdict(set)
        for party in self.party_table.values():
            if party.renamed_to:
                neighbours[party.name].add(party.renamed_to)
                neighbours[party.renamed_to].add(party.name)
        families: dict[str, frozenset[str]] = {}
        for name in neighbours:
            if name in families:
                continue
            seen, todo = {name}, [name]
            while todo:                       # iterative: a long chain of renames is no recursion
                for other in neighbours[todo.pop()]:
                    if other not in seen:
                        seen.add(other)
                        todo.append(other)
            family = frozenset(seen)
            for member in family:
                families[member] = family
        return families

    def party_family(self, name: str) -> frozenset[str]:
        """``name`` with its earlier and later names: filtering by any of them shows all of them."""
        return self._party_families.get(name, frozenset((name,)))

    @cached_property
    def day_columns(self) -> tuple[list[int], list[int]]:
        """Each event's first and last day (``start``, ``last``) as day ordinals, in the events' order: made
        once, mostly at C speed (the start-up reads them for the span, the count shown and playback)."""
        events = self.events
        starts = list(map(dt.date.toordinal, map(_date_start, events)))
        lasts = list(map(dt.date.toordinal, map(_last_day, map(_end_date, events), map(_date, events))))
        return starts, lasts

    @cached_property
    def first_date(self) -> dt.date:
        """The earliest day of the dataset's events (or eras)."""
        days = [era.start for era in self.eras]
        if self.events:
            days.append(dt.date.fromordinal(min(self.day_columns[0])))
        return min(days) if days else self.default_view.date

    @cached_property
    def last_date(self) -> dt.date:
        """The last day of the dataset's events (or eras)."""
        days = [era.end for era in self.eras]
        if self.events:
            days.append(dt.date.fromordinal(max(self.day_columns[1])))
        return max(days) if days else self.default_view.date


_date_start, _end_date, _date = attrgetter("date.start"), attrgetter("end_date"), attrgetter("date")
_kind, _parties = attrgetter("kind"), attrgetter("parties")
_id, _source_id, _target_id = attrgetter("id"), attrgetter("source_id"), attrgetter("target_id")
_order_key = attrgetter("date.start", "id")            # the events' order (``in_event_order``)


def _looked_up(table: dict, keys) -> tuple:
    """``table``'s values for ``keys``, as a tuple, in one call (itemgetter of many keys), for one key too."""
    keys = list(keys)
    return itemgetter(*keys)(table) if len(keys) != 1 else (table[keys[0]],)


def _last_day(end_date, date) -> dt.date:
    """``Event.last`` from its two dates."""
    return (end_date or date).last


def in_event_order(events: list[Event]) -> list[Event]:
    """Events by their first day, then their id (two stable sorts on C-level keys: quick at 100,000)."""
    ordered = sorted(events, key=attrgetter("id"))
    ordered.sort(key=attrgetter("date.start"))
    return ordered
