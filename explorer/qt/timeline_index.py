"""The timeline's index of a dataset: every event as a mark with its possible span, sorted by time, in lanes,
with the counts the density strip and the overview need. Plain Python (nothing here touches Qt): built once
per dataset, then each paint and each hit test asks it in O(log n) plus what it returns.

Time is measured in day ordinals (``date.toordinal()``); a mark covers ``[lo, hi)``, so a one-day event at
16 April 1922 covers that whole day. An event with an uncertain, approximate or partial date (``1925~``,
``1939-XX``, ``[1939-08-23,1939-08-24]``, a year or a month) has a :class:`Fuzz`: where it may begin and
end, which the painter draws as a gradient bar (the look of Neatline's fuzzy dates).
"""

from __future__ import annotations

import bisect
import gc
import heapq
from collections.abc import Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from explorer.model.dataset import Dataset, Event
from explorer.model.dates import HistDate

#: Marks are kept in classes by length (days): a range query looks back only as far as each class reaches.
#: One day (most events), a month, a season, a year; the few longer ones are checked one by one.
LENGTH_CLASSES = (1, 31, 92, 366)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Build many objects without the cyclic garbage collector: each of its full passes walks every object
    alive, and with a large dataset loaded that is a second, again and again (nothing built here forms a
    cycle, so there is nothing for it to find)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@dataclass(slots=True)
class Fuzz:
    """An uncertain mark's possible time, in day ordinals: it begins somewhere in ``[a, b)`` and ends somewhere
    in ``[c, d)``. A point event has ``b == c`` at the middle of its possible span."""

    a: float
    b: float
    c: float
    d: float


@dataclass(slots=True)
class Mark:
    """One event as the timeline draws it: its span ``[lo, hi)`` in day ordinals, its lane (None for a point
    event, drawn in the row above the lanes) and its fuzz (None for an exact date). Treat it as frozen (a
    frozen dataclass takes four times as long to build, and a dataset has a hundred thousand)."""

    event: Event
    lo: float
    hi: float
    lane: int | None
    fuzz: Fuzz | None

    @property
    def centre(self) -> float:
        """Where a point event's shape sits: the middle of its day, or of its possible span."""
        return (self.lo + self.hi) / 2


def _vague(date: HistDate) -> bool:
    """Whether a date is shown fuzzy: not one known day (a month, a year, a set of choices), or qualified."""
    return (date.precision != "day" or date.approximate or date.uncertain or date.unspecified
            or date.form == "one_of")


def mark_for(event: Event, lane: int | None) -> Mark:
    """The event as a mark: a point (one date) or a span (an end date, or an interval), fuzzy where vague."""
    date, end = event.date, event.end_date
    if end is None and date.form == "single":              # most events: one date, said plainly
        lo = date.start.toordinal()
        if date.precision == "day" and not (date.approximate or date.uncertain or date.unspecified):
            return Mark(event, lo, lo + 1, None, None)
        hi = date.last.toordinal() + 1
        return Mark(event, lo, hi, None, Fuzz(lo, (lo + hi) / 2, (lo + hi) / 2, hi))
    if end is not None and (end.start, end.last) != (date.start, date.last):
        first, last = date, end
    elif date.is_interval:
        first, last = date.parts
    else:
        lo, hi = date.start.toordinal(), date.end.toordinal() + 1
        fuzz = Fuzz(lo, (lo + hi) / 2, (lo + hi) / 2, hi) if _vague(date) else None
        return Mark(event, lo, hi, None, fuzz)
    a, b = first.start.toordinal(), first.end.toordinal() + 1
    c, d = last.start.toordinal(), last.end.toordinal() + 1
    fuzzy = _vague(first) or _vague(last)
    return Mark(event, a, max(d, b), lane, Fuzz(a, b, min(c, max(d, b)), max(d, b)) if fuzzy else None)


def is_span(event: Event) -> bool:
    """Whether the event lasts (an end date or an interval) rather than happens on one (possibly vague) date."""
    date, end = event.date, event.end_date
    # Compared by what the dates mean (a dataclass comparison of two HistDates costs twenty times more).
    return (end is not None and (end.start, end.last) != (date.start, date.last)) or date.form == "interval"


class TimelineIndex:
    """The marks of a dataset and the sorted arrays that answer "what is in this span" quickly."""

    def __init__(self, dataset: Dataset) -> None:
        with collector_paused():
            self._build(dataset)

    def _build(self, dataset: Dataset) -> None:
        # One pass in the dataset's order (by date): lasting events take the lowest lane free when they begin.
        marks: list[Mark] = []
        lanes = _Lanes()
        for event in dataset.events:
            date = event.date
            if event.end_date is None and date.form == "single":            # most events: one plain date
                lo = date.start.toordinal()
                if date.precision == "day" and not (date.approximate or date.uncertain or date.unspecified):
                    marks.append(Mark(event, lo, lo + 1, None, None))
                    continue
            marks.append(mark_for(event, lanes.take(event) if is_span(event) else None))
        starts = [m.lo for m in marks]
        if starts != sorted(starts):                        # a dataset keeps its events by date; be sure
            marks.sort(key=lambda m: m.lo)
            starts = [m.lo for m in marks]
        self.marks = marks
        self.n_lanes = lanes.count
        classes: list[list[Mark]] = [[] for _ in LENGTH_CLASSES]
        self._long: list[Mark] = []
        for m in marks:
            length = m.hi - m.lo
            k = bisect.bisect_left(LENGTH_CLASSES, length)
            (classes[k] if k < len(LENGTH_CLASSES) else self._long).append(m)
        self._classes = [(reach, members, [m.lo for m in members])
                         for reach, members in zip(LENGTH_CLASSES, classes) if members]
        # For counting: every mark's start and end, each sorted (an end is exclusive).
        self._starts = starts
        self._ends = sorted(m.hi for m in marks)
        self._kinds: dict | None = None              # per kind, once a kind filter asks (see _by_kind)
        self._parties: dict | None = None            # per party, once a party filter asks (see _by_party)
        self._accepted_key: Hashable = None
        self._accepted: list[tuple[list[float], list[float]]] = [(self._starts, self._ends)]

    def mark(self, event: Event) -> Mark:
        """The event's mark (KeyError for an event not in the dataset)."""
        lo = event.start.toordinal()
        i = bisect.bisect_left(self._starts, lo)
        while i < len(self.marks) and self._starts[i] == lo:
            if self.marks[i].event is event:
                return self.marks[i]
            i += 1
        raise KeyError(event.id)

    def __len__(self) -> int:
        return len(self.marks)

    def in_span(self, lo: float, hi: float) -> list[Mark]:
        """The marks that overlap ``[lo, hi)``, in time order of their starts."""
        found: list[Mark] = []
        for reach, members, starts in self._classes:
            i0, i1 = bisect.bisect_left(starts, lo - reach), bisect.bisect_left(starts, hi)
            found += [m for m in members[i0:i1] if m.hi > lo]
        found += [m for m in self._long if m.lo < hi and m.hi > lo]
        if len(self._classes) > 1 or self._long:
            found.sort(key=_by_start)
        return found

    def count(self, lo: float, hi: float, accepted: bool = False) -> int:
        """How many marks overlap ``[lo, hi)`` (only those the filters accept, with ``accepted``)."""
        left, right = bisect.bisect_left, bisect.bisect_right
        return sum(left(starts, hi) - right(ends, lo) for starts, ends in self._runs(accepted))

    def counts(self, edges: Sequence[float], accepted: bool = False) -> list[int]:
        """For each bin between consecutive ``edges`` (day ordinals), how many marks overlap it."""
        left, right = bisect.bisect_left, bisect.bisect_right
        totals = [0] * max(0, len(edges) - 1)
        for starts, ends in self._runs(accepted):
            for i, (lo, hi) in enumerate(zip(edges, edges[1:])):
                totals[i] += left(starts, hi) - right(ends, lo)
        return totals

    def starts_in(self, edges: Sequence[float]) -> list[int]:
        """For each bin between consecutive ``edges``, how many marks begin in it."""
        starts, left = self._starts, bisect.bisect_left
        return [left(starts, hi) - left(starts, lo) for lo, hi in zip(edges, edges[1:])]

    def _runs(self, accepted: bool) -> list[tuple[list[float], list[float]]]:
        return self._accepted if accepted else [(self._starts, self._ends)]

    def use_filter(self, filters, parties: frozenset[str]) -> None:
        """Count only the events ``filters`` (a ``state.Filters``) let through from now on, with the party
        filter widened to ``parties`` (``state.party_filter()``); a repeat is free.

        Without a party filter the kind alone decides, so the counts add up the chosen kinds' own sorted
        starts and ends (made once); with one, only the events naming a wanted party are asked about."""
        key = (filters.kinds, parties)
        if key == self._accepted_key:
            return
        if not filters.kinds and not parties:
            self._accepted = [(self._starts, self._ends)]
        elif not parties:
            by_kind = self._by_kind()
            self._accepted = [runs for kind, (sample, runs) in by_kind.items() if filters.accepts(sample, parties)]
        else:                                       # only events naming a wanted party can pass
            by_party, marks = self._by_party(), self.marks
            candidates = sorted(set().union(*(by_party.get(party, ()) for party in parties)))
            shown = [marks[i] for i in candidates if filters.accepts(marks[i].event, parties)]
            self._accepted = [([m.lo for m in shown], sorted([m.hi for m in shown]))]
        self._accepted_key = key

    def _by_party(self) -> dict[str, list[int]]:
        """Each party: the indices of the marks of events naming it (made on the first party filter)."""
        if self._parties is None:
            with collector_paused():
                parties: dict[str, list[int]] = {}
                for i, m in enumerate(self.marks):
                    for party in m.event.parties:
                        parties.setdefault(party, []).append(i)
                self._parties = parties
        return self._parties

    def _by_kind(self) -> dict[str, tuple[Event, tuple[list[float], list[float]]]]:
        """Each kind: an event of it (to ask the filter about) and its marks' sorted starts and ends (made on
        the first kind filter, with the collector paused as when building)."""
        if self._kinds is None:
            with collector_paused():
                groups: dict[str, list[Mark]] = {}
                for m in self.marks:
                    groups.setdefault(m.event.kind, []).append(m)
                self._kinds = {kind: (marks[0].event, ([m.lo for m in marks], sorted([m.hi for m in marks])))
                               for kind, marks in groups.items()}
        return self._kinds


def _by_start(mark: Mark) -> float:
    return mark.lo


class _Lanes:
    """Lanes for lasting events taken in order of their start: each gets the lowest lane free by then."""

    def __init__(self) -> None:
        self._free: list[int] = []
        self._busy: list[tuple[int, int]] = []      # (last day ordinal, lane)
        self.count = 0

    def take(self, event: Event) -> int:
        """The lane for ``event`` (which must not begin before the previous one taken)."""
        start = event.start.toordinal()
        while self._busy and self._busy[0][0] < start:
            heapq.heappush(self._free, heapq.heappop(self._busy)[1])
        if self._free:
            lane = heapq.heappop(self._free)
        else:
            lane, self.count = self.count, self.count + 1
        heapq.heappush(self._busy, (event.last.toordinal(), lane))
        return lane
