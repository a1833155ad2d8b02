"""The explorer's state: date, selection, filters, language, the map's camera and which borders it draws.
Free of Qt.

Evented, as napari's ``EventedModel`` and glue's echo properties are: every field is a property whose
assignment notifies (no silent assignment), only when the value really changed, through psygnal signals
that hold their listeners weakly (``state.events.<field>``, plus ``state.events.changed`` with the names of
what changed). A compound change is one transaction: inside ``with state.batch():`` nothing is emitted, and
at its end each changed field emits once, then ``changed`` once. A selection (which moves the date too) is
one such batch, so a view that redraws on ``changed`` redraws once per click.

Views write what the user did back through the methods below; the map page reports its camera here, and
views and exports read it from here (nobody asks the page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from psygnal import Signal, SignalGroup

from explorer.model.dataset import Dataset, Event

#: The fields of the state, in the order their signals are emitted at the end of a batch.
FIELDS = ("date", "selected_id", "filters", "language", "camera", "borders")
#: Which borders the map draws: those in force on the date (the default), or today's.
BORDER_MODES = ("period", "present")


@dataclass(frozen=True)
class Filters:
    """Which events are shown: kinds and parties (empty means all), and the time window mode."""

    kinds: frozenset[str] = frozenset()
    parties: frozenset[str] = frozenset()
    window_days: int | None = None      # None: everything up to the date; N: only within ±N days

    def accepts(self, event: Event, parties: frozenset[str] | None = None) -> bool:
        """Whether the kind and party filters let the event through (time is checked separately).
        ``parties``: the party filter widened to renamed states (``ExplorerState.party_filter``)."""
        if self.kinds and event.kind not in self.kinds:
            return False
        wanted = self.parties if parties is None else parties
        if wanted and not wanted.intersection(event.parties):
            return False
        return True


@dataclass(frozen=True)
class Camera:
    """Where the map looks: centre (latitude, longitude) and zoom level."""

    center: tuple[float, float]
    zoom: float

    def close_to(self, other: Camera | None, tolerance: float = 1e-6) -> bool:
        """Whether ``other`` is the same view (the page rounds what it reports)."""
        return other is not None and abs(self.zoom - other.zoom) <= tolerance and all(
            abs(a - b) <= tolerance for a, b in zip(self.center, other.center))


class StateEvents(SignalGroup):
    """The state's signals: one per field (emitting the new value) and ``changed`` (the names of the fields
    a change or a batch altered, once)."""

    date = Signal(object)
    selected_id = Signal(object)
    filters = Signal(object)
    language = Signal(object)
    camera = Signal(object)
    borders = Signal(object)
    changed = Signal(frozenset)


class _Field:
    """A state field: reading gives the value, assigning notifies (through ``ExplorerState._assign``)."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, state, owner=None):
        return self if state is None else state._values[self.name]

    def __set__(self, state, value) -> None:
        state._assign(self.name, value)


class ExplorerState:
    """What the explorer shows now."""

    date = _Field()
    selected_id = _Field()
    filters = _Field()
    language = _Field()
    camera = _Field()
    borders = _Field()

    def __init__(self, dataset: Dataset, date: dt.date | None = None, selected_id: str | None = None,
                 filters: Filters | None = None, language: str = "en", camera: Camera | None = None,
                 borders: str = "period") -> None:
        self.dataset = dataset
        self.events = StateEvents()
        self._values = {"date": date or dataset.default_view.date, "selected_id": selected_id,
                        "filters": filters or Filters(), "language": language, "camera": camera,
                        "borders": borders}
        self._depth = 0
        self._pending: dict[str, None] = {}
        self._before: dict = {}

    # --- notification -------------------------------------------------------------------------------
    def _assign(self, name: str, value) -> None:
        if value == self._values[name]:
            return
        self._values[name] = value
        if self._depth:
            self._pending[name] = None
        else:
            getattr(self.events, name).emit(value)
            self.events.changed.emit(frozenset((name,)))

    @contextmanager
    def batch(self) -> Iterator[ExplorerState]:
        """One transaction: each field changed inside emits once at the end, then ``changed`` once (a field
        that ends the batch as it began emits nothing)."""
        if not self._depth:
            self._before = dict(self._values)
        self._depth += 1
        try:
            yield self
        finally:
            self._depth -= 1
            if not self._depth and self._pending:
                names = [name for name in FIELDS if name in self._pending and self._values[name] != self._before[name]]
                self._pending.clear()
                if not names:
                    return
                for name in names:
                    getattr(self.events, name).emit(self._values[name])
                self.events.changed.emit(frozenset(names))

    # --- time ---------------------------------------------------------------------------------------
    def set_date(self, date: dt.date) -> None:
        """Move to ``date`` (clamped to the dataset's span)."""
        self.date = min(max(date, self.dataset.first_date), self.dataset.last_date)

    def jump_to(self, date: dt.date) -> None:
        """Move to ``date`` as a jump (Home/End, a click on the axis): a selection that is not at that date
        any more is cleared, so the details never show a 1928 event at a 1918 date."""
        with self.batch():
            self.set_date(date)
            event = self.selected_event
            if event is not None and not event.start <= self.date <= event.last:
                self.selected_id = None

    def step_event(self, direction: int) -> None:
        """Select the next (+1) or previous (-1) shown event after/before the current date (or selection)."""
        parties = self.party_filter()
        events = [e for e in self.dataset.events if self.filters.accepts(e, parties)]
        if not events:
            return
        current = self.selected_event
        if current is not None and current in events:
            i = events.index(current) + direction
        elif direction > 0:
            i = next((k for k, e in enumerate(events) if e.start > self.date), len(events))
        else:
            i = max((k for k, e in enumerate(events) if e.start < self.date), default=-1)
        if 0 <= i < len(events):
            self.select(events[i].id)

    # --- selection ----------------------------------------------------------------------------------
    @property
    def selected_event(self) -> Event | None:
        """The selected event, or None."""
        return self.dataset.event(self.selected_id) if self.selected_id else None

    def select(self, event_id: str | None) -> None:
        """Select an event (or clear with None) and move the date to it, as one change. KeyError for an
        unknown id."""
        if event_id is None:
            self.selected_id = None
            return
        event = self.dataset.event(event_id)
        with self.batch():
            self.selected_id = event_id
            self.set_date(event.start)

    # --- filters, language, camera ------------------------------------------------------------------
    def set_filters(self, **changes) -> None:
        """Change some filter fields, e.g. ``set_filters(kinds=frozenset({'treaty'}))``."""
        self.filters = replace(self.filters, **changes)

    def set_language(self, language: str) -> None:
        """Switch the language of texts (English where no translation exists)."""
        self.language = language

    def set_borders(self, mode: str) -> None:
        """Draw the borders of the date ("period") or of today ("present"); ValueError for anything else."""
        if mode not in BORDER_MODES:
            raise ValueError(f"borders must be one of {', '.join(BORDER_MODES)}, not {mode!r}")
        self.borders = mode

    def set_camera(self, center: tuple[float, float], zoom: float) -> None:
        """Where the map looks (the page reports it after each move; views set it to move the map)."""
        self.camera = Camera((float(center[0]), float(center[1])), float(zoom))

    # --- derived ------------------------------------------------------------------------------------
    def party_filter(self) -> frozenset[str]:
        """The party filter widened to every name of the chosen states: "Soviet Union" shows Soviet Russia's
        events too (the dataset's ``parties`` table says which names are one state)."""
        wanted = self.filters.parties
        return frozenset().union(*(self.dataset.party_family(p) for p in wanted)) if wanted else frozenset()

    def visible_events(self) -> list[Event]:
        """Events shown on the map now: filtered, and up to the date (or within the window)."""
        parties = self.party_filter()
        return [e for e in self.dataset.events if self._visible(e, parties)]

    def is_visible(self, event: Event) -> bool:
        """Whether ``event`` is shown at the current date with the current filters."""
        return self._visible(event, self.party_filter())

    def _visible(self, event: Event, parties: frozenset[str]) -> bool:
        if not self.filters.accepts(event, parties):
            return False
        if self.filters.window_days is None:
            return event.start <= self.date
        span = dt.timedelta(days=self.filters.window_days)
        return event.start - span <= self.date <= event.last + span
