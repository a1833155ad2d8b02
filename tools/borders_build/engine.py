"""The dated partition: the map as a set of states that tile the land, changed step by step.

Every change moves land from named states to another (``take``) or changes a state's attributes
(``set``). Land only ever moves, so at every date the states tile the land without overlap; a state
that has lost all its land ends. Each state keeps a series of versions, each valid from the day it
began to the day before the next one began (inclusive ISO days)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

#: Below this area (square degrees, about 1 km2 in Europe) a piece is numerical noise, not land.
NOISE = 1e-4
#: A detached piece of a state below this area (about 150 km2) that is mostly surrounded by one neighbour
#: is a sliver left between two outlines, not an exclave: it goes to that neighbour.
SLIVER = 0.02
ATTRS = ("name", "name_de", "sovereign", "sovereign_de", "status", "precision", "precision_note", "source")
DERIVED = ("source", "precision", "precision_note")


@dataclass
class Version:
    """One state as it was between two changes."""

    state: str
    geom: BaseGeometry
    attrs: dict[str, Any]
    valid_from: dt.date
    step: str
    event: str | None
    valid_to: dt.date | None = None


@dataclass
class Step:
    """One dated change: its title in English and German, its source and the dataset event behind it."""

    id: str
    date: dt.date
    title: str
    title_de: str
    source: str
    event: str | None = None
    versions: list[str] = field(default_factory=list)


class Timeline:
    """The partition at the current step, and every version made so far."""

    def __init__(self, land: BaseGeometry):
        self.land = land
        self.current: dict[str, Version] = {}
        self.versions: list[Version] = []
        self.steps: list[Step] = []
        self._step: Step | None = None
        self._pending: dict[str, tuple[BaseGeometry, dict[str, Any]]] = {}

    # ------------------------------------------------------------------ steps

    def step(self, date: str, id: str, title: str, title_de: str, source: str, event: str | None = None):
        """Begin a change on ``date``; the ops that follow belong to it until the next ``step``/``finish``."""
        self._flush()
        when = dt.date.fromisoformat(date)
        if self.steps and when < self.steps[-1].date:
            raise ValueError(f"step {id} on {date} comes before {self.steps[-1].id} on {self.steps[-1].date}")
        self._step = Step(id, when, title, title_de, source, event)
        self.steps.append(self._step)
        return self

    def finish(self, last_day: str) -> None:
        """Close every version still open on ``last_day`` (the end of the coverage)."""
        self._flush()
        end = dt.date.fromisoformat(last_day)
        for version in self.current.values():
            version.valid_to = end

    # ------------------------------------------------------------------ ops

    def _state(self, key: str) -> tuple[BaseGeometry, dict[str, Any]]:
        if key in self._pending:
            return self._pending[key]
        if key in self.current:
            v = self.current[key]
            # A state touched by a step takes that step's source unless the step names its own;
            # precision and its note are derived again from the base and the lines.
            return v.geom, {k: a for k, a in v.attrs.items() if k not in DERIVED}
        return shapely.Polygon(), {}

    def geom(self, key: str) -> BaseGeometry:
        """The state's land as it stands within the current step."""
        return self._state(key)[0]

    def take(self, key: str, region: BaseGeometry, from_: tuple[str, ...] | list[str] | str,
             line: tuple[int, str] | None = None, drop: tuple[str, ...] = (), **attrs) -> None:
        """Move ``region``'s land from the states ``from_`` to ``key`` (created if new) and update its attrs.

        ``line`` = (precision, note) marks the new border as approximate on both sides: each state's
        precision drops to at most that and the note is added to its ``precision_note``. ``drop`` names
        lines (by a word of their note) that the change makes internal, so they no longer count."""
        if isinstance(from_, str):
            from_ = (from_,)
        gained = []
        for other in from_:
            if other == key:
                continue
            geom, other_attrs = self._state(other)
            lost = _polygons(geom.intersection(region))
            if lost.area < NOISE:
                continue
            rest = _polygons(geom.difference(lost))
            self._pending[other] = (rest, _drop(_with_line(other_attrs, line), drop) if rest.area else other_attrs)
            gained.append(lost)
        geom, own = self._state(key)
        if not gained:
            raise ValueError(f"{key}: the region lies in none of {from_}")
        own = _merge(own, attrs)
        self._pending[key] = (_polygons(shapely.union_all([geom, *gained])), _drop(_with_line(own, line), drop))

    def new(self, key: str, region: BaseGeometry, **attrs) -> None:
        """Create a state from land nobody holds yet (at the start, or after :meth:`reset`)."""
        if self._state(key)[0].area:
            raise ValueError(f"{key} exists")
        taken = shapely.union_all([self._state(k)[0] for k in sorted({*self.current, *self._pending})])
        geom = _polygons(region.intersection(self.land).difference(taken))
        if geom.area < NOISE:
            raise ValueError(f"{key}: no land left in its region")
        self._pending[key] = (geom, _merge({}, attrs))

    def reset(self) -> None:
        """End every state at this step; the map is then drawn anew with :meth:`new`."""
        for key in self.current:
            self._pending[key] = (shapely.Polygon(), {})

    def rest(self) -> BaseGeometry:
        """The land nobody holds yet in this step."""
        taken = shapely.union_all([self._state(k)[0] for k in sorted({*self.current, *self._pending})])
        return self.land.difference(taken)

    def set(self, key: str, **attrs) -> None:
        """Change a state's attributes (a new name, sovereign, status, precision or source)."""
        geom, own = self._state(key)
        if geom.is_empty:
            raise ValueError(f"{key} does not exist")
        self._pending[key] = (geom, _merge(own, attrs))

    def line(self, key: str, precision: int, note: str) -> None:
        """Mark one of a state's borders as approximate (see ``take``'s ``line``)."""
        geom, own = self._state(key)
        self._pending[key] = (geom, _with_line(own, (precision, note)))

    def unline(self, key: str, word: str) -> None:
        """Forget the approximate lines whose note contains ``word`` (that border is gone or now exact)."""
        geom, own = self._state(key)
        self._pending[key] = (geom, _drop(own, (word,)))

    def fill_gaps(self) -> None:
        """Give every piece of land that no state holds to the neighbour it shares most border with."""
        keys = sorted({*self.current, *self._pending})
        geoms = {k: self._state(k)[0] for k in keys}
        gap = self.land.difference(shapely.union_all(list(geoms.values())))
        for part in shapely.get_parts(gap):
            best = _best_neighbour(part, geoms, None)
            if best is not None:
                geom, attrs = self._state(best)
                self._pending[best] = (_polygons(geom.union(part)), attrs)
                geoms[best] = self._pending[best][0]

    def _absorb_slivers(self) -> None:
        keys = sorted({*self.current, *self._pending})
        geoms = {k: self._state(k)[0] for k in keys}
        for key in sorted(self._pending):
            parts = sorted(shapely.get_parts(geoms[key]), key=lambda p: -p.area)
            for part in parts[1:]:
                if part.area >= SLIVER:
                    continue
                best = _best_neighbour(part, geoms, key, share=0.5)
                if best is None:
                    continue
                geoms[key] = _polygons(geoms[key].difference(part))
                geoms[best] = _polygons(geoms[best].union(part))
                for k in (key, best):
                    self._pending[k] = (geoms[k], self._state(k)[1])

    def _flush(self) -> None:
        step = self._step
        if self._pending:
            self._absorb_slivers()
        for key in sorted(self._pending):
            geom, attrs = self._pending[key]
            attrs = _derive(attrs)
            old = self.current.get(key)
            if old is not None and {**attrs, "source": old.attrs["source"]} == old.attrs and old.geom.equals(geom):
                continue
            if old is not None:
                if old.valid_from == step.date:
                    raise ValueError(f"{key} changes twice on {step.date}")
                old.valid_to = step.date - dt.timedelta(days=1)
                del self.current[key]
            if geom.area < NOISE:
                continue   # the state has lost all its land
            attrs = {**attrs, "source": attrs.get("source") or step.source}
            missing = [a for a in ATTRS if a not in attrs]
            if missing:
                raise ValueError(f"{key} on {step.date}: missing {missing}")
            if attrs["precision"] == 1 and not attrs["precision_note"]:
                raise ValueError(f"{key} on {step.date}: approximate, but the note does not say why")
            version = Version(key, geom, attrs, step.date, step.id, step.event)
            self.current[key] = version
            self.versions.append(version)
            step.versions.append(key)
        self._pending = {}

    def check(self) -> None:
        """Raise if the current states overlap or leave land unassigned (after the step is flushed)."""
        self._flush()
        geoms = [v.geom for v in self.current.values()]
        total = sum(g.area for g in geoms)
        union = shapely.union_all(geoms)
        if abs(total - union.area) > 1e-3:
            raise ValueError(f"states overlap by {total - union.area:.4f} sq. deg. after {self.steps[-1].id}")
        gap = self.land.difference(union).area
        if gap > 1e-2:
            raise ValueError(f"{gap:.3f} sq. deg. of land belong to no state after {self.steps[-1].id}")


def _merge(own: dict[str, Any], attrs: dict[str, Any]) -> dict[str, Any]:
    """``own`` updated with ``attrs``; a given precision and note become the state's own (base) ones."""
    out = {**own, **{k: v for k, v in attrs.items() if k not in ("precision", "precision_note")}}
    if "precision" in attrs:
        out["_p"] = attrs["precision"]
    if "precision_note" in attrs:
        out["_note"] = attrs["precision_note"]
    out.setdefault("_lines", ())
    return out


def _with_line(attrs: dict[str, Any], line: tuple[int, str] | list[tuple[int, str]] | None) -> dict[str, Any]:
    lines = [] if line is None else line if isinstance(line, list) else [line]
    for one in lines:
        if one not in attrs.get("_lines", ()):
            attrs = {**attrs, "_lines": (*attrs.get("_lines", ()), one)}
    return attrs


def _drop(attrs: dict[str, Any], words: tuple[str, ...]) -> dict[str, Any]:
    if not words:
        return attrs
    return {**attrs, "_lines": tuple(ln for ln in attrs.get("_lines", ()) if not any(w in ln[1] for w in words))}


def _derive(attrs: dict[str, Any]) -> dict[str, Any]:
    """Precision = the worst of the state's own and of its approximate lines; the note names them all."""
    if "_p" not in attrs:
        return attrs
    lines = attrs.get("_lines", ())
    notes = [n for n in [attrs.get("_note", ""), *(note for _p, note in lines)] if n]
    return {**attrs, "precision": min([attrs["_p"], *(p for p, _n in lines)]), "precision_note": "; ".join(notes)}


def _best_neighbour(part: BaseGeometry, geoms: dict[str, BaseGeometry], own: str | None,
                    share: float = 0.0) -> str | None:
    """The state (other than ``own``) sharing most of ``part``'s outline, if it shares more than ``share``."""
    outline = part.boundary
    best, best_len = None, 0.0
    reach = part.buffer(1e-6)
    for k in sorted(geoms):
        g = geoms[k]
        if k == own or g.is_empty or not g.intersects(reach):
            continue
        length = outline.intersection(g.buffer(1e-6)).length
        if length > best_len:
            best, best_len = k, length
    if best is None or best_len <= share * outline.length:
        return None
    return best


def _polygons(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygonal parts (set operations can leave lines and points)."""
    parts = [p for p in shapely.get_parts(shapely.make_valid(geom)) if p.geom_type in ("Polygon", "MultiPolygon")]
    flat = [q for p in parts for q in shapely.get_parts(p) if q.area > 0]
    return shapely.union_all(flat) if flat else shapely.Polygon()
