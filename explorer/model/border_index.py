"""Fast look-ups in the period-borders asset: which features are in force on a day, and which feature
contains a point. Pure Python, no Qt and no geometry library.

- By date: the asset's validity intervals cut the time line into spans in which nothing changes; each
  span keeps the tuple of features in force, so a day's set is one binary search away.
- By place: a 1-degree grid lists the features whose bounding box reaches each cell, and each feature
  keeps its edges sorted into quarter-degree latitude bands, so the point-in-polygon test only looks at
  the handful of edges that cross the point's latitude."""

from __future__ import annotations

import bisect
import datetime as dt
import math
from typing import Any, Sequence

BAND = 0.25   # degrees of latitude per edge band
CELL = 1.0    # degrees per grid cell

Edge = tuple[float, float, float, float]


class Shape:
    """One feature's rings, with its bounding box and (built on first use) its edge bands."""

    __slots__ = ("rings", "bbox", "_bands")

    def __init__(self, geometry: dict[str, Any]):
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        self.rings = [ring for polygon in polygons for ring in polygon]
        xs = [p[0] for ring in self.rings for p in ring]
        ys = [p[1] for ring in self.rings for p in ring]
        self.bbox = (min(xs), min(ys), max(xs), max(ys))
        self._bands: dict[int, list[Edge]] | None = None

    def _build(self) -> dict[int, list[Edge]]:
        bands: dict[int, list[Edge]] = {}
        for ring in self.rings:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                if y1 == y2:
                    continue   # horizontal edges never cross a horizontal ray
                for band in range(math.floor(min(y1, y2) / BAND), math.floor(max(y1, y2) / BAND) + 1):
                    bands.setdefault(band, []).append((x1, y1, x2, y2))
        return bands

    def contains(self, lon: float, lat: float) -> bool:
        """Even-odd rule with a ray to the east (holes are rings too)."""
        x0, y0, x1, y1 = self.bbox
        if not (x0 <= lon <= x1 and y0 <= lat <= y1):
            return False
        if self._bands is None:
            self._bands = self._build()
        inside = False
        for ax, ay, bx, by in self._bands.get(math.floor(lat / BAND), ()):
            if (ay > lat) != (by > lat) and lon < ax + (lat - ay) * (bx - ax) / (by - ay):
                inside = not inside
        return inside


class DateIndex:
    """The features in force on each day, from inclusive ``valid_from``/``valid_to`` pairs."""

    def __init__(self, intervals: Sequence[tuple[dt.date, dt.date]]):
        cuts = sorted({d for a, b in intervals for d in (a, b + dt.timedelta(days=1))})
        self.starts = cuts[:-1]
        self.first, self.last = cuts[0], cuts[-1] - dt.timedelta(days=1)
        spans: list[list[int]] = [[] for _ in self.starts]
        for i, (a, b) in enumerate(intervals):
            for k in range(bisect.bisect_left(cuts, a), bisect.bisect_left(cuts, b + dt.timedelta(days=1))):
                spans[k].append(i)
        self.spans = [tuple(s) for s in spans]

    def on(self, day: dt.date) -> tuple[int, ...]:
        """Indices of the features in force on ``day`` (empty outside the covered years)."""
        if day < self.first or day > self.last:
            return ()
        return self.spans[bisect.bisect_right(self.starts, day) - 1]


class PlaceIndex:
    """Which shapes contain a point, over all dates (cached per point: places repeat across events)."""

    def __init__(self, shapes: Sequence[Shape], cache_size: int = 65536):
        self.shapes = shapes
        self.grid: dict[tuple[int, int], list[int]] = {}
        for i, shape in enumerate(shapes):
            x0, y0, x1, y1 = shape.bbox
            for gx in range(math.floor(x0 / CELL), math.floor(x1 / CELL) + 1):
                for gy in range(math.floor(y0 / CELL), math.floor(y1 / CELL) + 1):
                    self.grid.setdefault((gx, gy), []).append(i)
        self._cache: dict[tuple[float, float], tuple[int, ...]] = {}
        self._cache_size = cache_size

    def containing(self, lon: float, lat: float) -> tuple[int, ...]:
        """Indices of every shape (of any date) that contains the point."""
        key = (lon, lat)
        hit = self._cache.get(key)
        if hit is None:
            cell = self.grid.get((math.floor(lon / CELL), math.floor(lat / CELL)), ())
            hit = tuple(i for i in cell if self.shapes[i].contains(lon, lat))
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            self._cache[key] = hit
        return hit
