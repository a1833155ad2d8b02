"""The explorer's state (current date, selection, filters, map view), free of Qt.

Views listen to it and write what the user did back through its methods. A change notifies only when the
value really changed, so a view that pushes a value into the state never hears its own echo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from explorer.model.dataset import Dataset, Event


class Signal:
    """A minimal observer list: ``connect`` a callable, ``emit`` calls each with the new value."""

    def __init__(self) -> None:
        self._slots: list[Callable] = []

    def connect(self, slot: Callable) -> None:
        """Call ``slot`` on every emit."""
        self._slots.append(slot)

    def disconnect(self, slot: Callable) -> None:
        """Stop calling ``slot``."""
        self._slots.remove(slot)

    def emit(self, *args) -> None:
        """Call every connected slot with ``args``."""
        for slot in list(self._slots):
            slot(*args)


@dataclass(frozen=True)
class Filters:
    """Which events are shown: kinds and parties (empty means all), and the time window mode."""

    kinds: frozenset[str] = frozenset()
    parties: frozenset[str] = frozenset()
    window_days: int | None = None      # None: everything up to the date; N: only within ±N days

    def accepts(self, event: Event) -> bool:
        """Whether the kind and party filters let the event through (time is checked separately)."""
        if self.kinds and event.kind not in self.kinds:
            return False
        if self.parties and not self.parties.intersection(event.parties):
            return False
        return True


@dataclass
class ExplorerState:
    """What the explorer shows now. Every setter emits its signal only on a real change."""

    dataset: Dataset
    date: dt.date = None
    selected_id: str | None = None
    filters: Filters = field(default_factory=Filters)
    language: str = "en"

    def __post_init__(self) -> None:
        if self.date is None:
            self.date = self.dataset.default_view.date
        self.date_changed = Signal()
        self.selection_changed = Signal()
        self.filters_changed = Signal()
        self.language_changed = Signal()

    # --- time ---------------------------------------------------------------------------------------
    def set_date(self, date: dt.date) -> None:
        """Move to ``date`` (clamped to the dataset's span)."""
        date = min(max(date, self.dataset.first_date), self.dataset.last_date)
        if date != self.date:
            self.date = date
            self.date_changed.emit(date)

    def step_event(self, direction: int) -> None:
        """Select the next (+1) or previous (-1) visible event after/before the current date."""
        events = [e for e in self.dataset.events if self.filters.accepts(e)]
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
        """Select an event (or clear with None) and move the date to it. KeyError for an unknown id."""
        if event_id is not None:
            event = self.dataset.event(event_id)
            if event_id != self.selected_id:
                self.selected_id = event_id
                self.selection_changed.emit(event_id)
            self.set_date(event.start)
        elif self.selected_id is not None:
            self.selected_id = None
            self.selection_changed.emit(None)

    # --- filters ------------------------------------------------------------------------------------
    def set_filters(self, **changes) -> None:
        """Change some filter fields, e.g. ``set_filters(kinds=frozenset({'treaty'}))``."""
        new = replace(self.filters, **changes)
        if new != self.filters:
            self.filters = new
            self.filters_changed.emit(new)

    def set_language(self, language: str) -> None:
        """Switch the language of event texts (English where no translation exists)."""
        if language != self.language:
            self.language = language
            self.language_changed.emit(language)

    # --- derived ------------------------------------------------------------------------------------
    def visible_events(self) -> list[Event]:
        """Events shown on the map now: filtered, and up to the date (or within the window)."""
        return [e for e in self.dataset.events if self.is_visible(e)]

    def is_visible(self, event: Event) -> bool:
        """Whether ``event`` is shown at the current date with the current filters."""
        if not self.filters.accepts(event):
            return False
        if self.filters.window_days is None:
            return event.start <= self.date
        span = dt.timedelta(days=self.filters.window_days)
        return event.start - span <= self.date <= event.last + span
