"""The close-zoom (1:10m) layers of the base map, for tools/make_basemap.py. Standard library only.

At 1:10m a whole country file is megabytes, so these layers are **cut to the Europe box** (not only filtered
by it, as the 1:50m files are) and, for the present-day borders, reduced to the lines between countries:

- land: the world-atlas ``land`` object, every ring clipped to the box (Sutherland–Hodgman against each of
  its four sides). Where land reaches the box its edge runs along the box; nobody looks that far out at
  zoom 7 and closer, and the 1:50m land is drawn beneath for anything beyond.
- borders: the arcs that two *different* countries share (TopoJSON keeps each shared edge once, so this
  is exact: the same idea as ``topojson.mesh(topology, countries, (a, b) => a !== b)``), clipped to the box
  as lines. Coasts are left out: the land layer draws them.

Lines are thinned with Douglas–Peucker at a tolerance well below a pixel at the zooms where these layers
are drawn, then rounded; both are deterministic, so the same package gives byte-identical files.
"""

from __future__ import annotations

from typing import Any, Callable

Position = list[float]
Box = tuple[float, float, float, float]      # west, south, east, north


# --------------------------------------------------------------------------- polygons


def _clip_ring_side(points: list[Position], inside: Callable[[Position], bool],
                    cut: Callable[[Position, Position], Position]) -> list[Position]:
    result: list[Position] = []
    for i, cur in enumerate(points):
        prev = points[i - 1]
        if inside(cur):
            if not inside(prev):
                result.append(cut(prev, cur))
            result.append(cur)
        elif inside(prev):
            result.append(cut(prev, cur))
    return result


def _at_lon(x: float) -> Callable[[Position, Position], Position]:
    def cut(a: Position, b: Position) -> Position:
        t = (x - a[0]) / (b[0] - a[0])
        return [x, a[1] + t * (b[1] - a[1])]
    return cut


def _at_lat(y: float) -> Callable[[Position, Position], Position]:
    def cut(a: Position, b: Position) -> Position:
        t = (y - a[1]) / (b[1] - a[1])
        return [a[0] + t * (b[0] - a[0]), y]
    return cut


def clip_ring(ring: list[Position], box: Box) -> list[Position]:
    """A closed ring clipped to the box (closed again), or [] when nothing of it is inside.

    A concave ring cut into several pieces comes back as one ring joined by zero-width bridges along the
    box's edge; it fills correctly, and the bridges lie on the edge of the region.
    """
    west, south, east, north = box
    points = ring[:-1] if ring and ring[0] == ring[-1] else list(ring)
    for inside, cut in ((lambda p: p[0] >= west, _at_lon(west)), (lambda p: p[0] <= east, _at_lon(east)),
                        (lambda p: p[1] >= south, _at_lat(south)), (lambda p: p[1] <= north, _at_lat(north))):
        if not points:
            return []
        points = _clip_ring_side(points, inside, cut)
    if len(points) < 3:
        return []
    return points + [points[0][:]]


# --------------------------------------------------------------------------- lines


def _outcode(p: Position, box: Box) -> int:
    west, south, east, north = box
    return ((p[0] < west) << 0) | ((p[0] > east) << 1) | ((p[1] < south) << 2) | ((p[1] > north) << 3)


def _clip_segment(a: Position, b: Position, box: Box) -> tuple[Position, Position] | None:
    """Cohen–Sutherland: the part of segment a–b inside the box, or None."""
    west, south, east, north = box
    ca, cb = _outcode(a, box), _outcode(b, box)
    while True:
        if not (ca | cb):
            return a, b
        if ca & cb:
            return None
        out = ca or cb
        x0, y0, x1, y1 = a[0], a[1], b[0], b[1]
        if out & 8:
            p = [x0 + (x1 - x0) * (north - y0) / (y1 - y0), north]
        elif out & 4:
            p = [x0 + (x1 - x0) * (south - y0) / (y1 - y0), south]
        elif out & 2:
            p = [east, y0 + (y1 - y0) * (east - x0) / (x1 - x0)]
        else:
            p = [west, y0 + (y1 - y0) * (west - x0) / (x1 - x0)]
        if out == ca:
            a, ca = p, _outcode(p, box)
        else:
            b, cb = p, _outcode(p, box)


def clip_line(line: list[Position], box: Box) -> list[list[Position]]:
    """The parts of a line inside the box (a line that leaves and comes back is two parts)."""
    parts: list[list[Position]] = []
    current: list[Position] = []
    for a, b in zip(line, line[1:]):
        piece = _clip_segment(a, b, box)
        if piece is None:
            if len(current) > 1:
                parts.append(current)
            current = []
            continue
        start, end = piece
        if not current or current[-1] != start:
            if len(current) > 1:
                parts.append(current)
            current = [start]
        current.append(end)
        if end != b:                 # the segment leaves the box here
            parts.append(current)
            current = []
    if len(current) > 1:
        parts.append(current)
    return parts


def simplify(points: list[Position], tolerance: float) -> list[Position]:
    """Douglas–Peucker (iterative, so a long coast cannot exhaust the stack); keeps both ends."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    tol2 = tolerance * tolerance
    while stack:
        first, last = stack.pop()
        ax, ay = points[first]
        bx, by = points[last]
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length2 == 0:
                d2 = (px - ax) ** 2 + (py - ay) ** 2
            else:
                t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
                d2 = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2
            if d2 > worst:
                worst, index = d2, i
        if worst > tol2:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def _round_line(line: list[Position], number: Callable[[float], float]) -> list[Position]:
    out: list[Position] = []
    for lon, lat in line:
        p = [number(lon), number(lat)]
        if not out or p != out[-1]:
            out.append(p)
    return out


# --------------------------------------------------------------------------- layers


def land_layer(land: dict[str, Any], box: Box, *, split: Callable, clean_ring: Callable, rewind: Callable,
               tolerance: float) -> dict[str, Any]:
    """The land FeatureCollection (one feature "land") cut to the box, from an already decoded GeoJSON
    ``land`` object. ``split``, ``clean_ring`` and ``rewind`` are make_basemap's antimeridian split,
    rounding and RFC 7946 winding, so every file of the base map is cleaned the same way."""
    polygons = []
    for feature in land["features"]:
        geometry = feature["geometry"]
        parts = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in parts:
            for piece in split(polygon):
                rings = []
                for ring in piece:
                    clipped = clip_ring(simplify(ring, tolerance), box)
                    rings.append(clean_ring(clipped) if clipped else [])
                if rings and rings[0]:
                    polygons.append(rewind([r for r in rings if r]))
    polygons.sort(key=lambda p: (p[0][0], len(p[0])))
    return {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "land"},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons}}]}


def border_lines(topology: dict[str, Any], arcs: list[list[Position]], box: Box, *,
                 number: Callable[[float], float], tolerance: float) -> dict[str, Any]:
    """The lines between two different countries of ``topology.objects.countries`` (decoded ``arcs``),
    cut to the box, as one MultiLineString feature "borders"."""
    owners: dict[int, set[int]] = {}
    geometries = topology["objects"]["countries"]["geometries"]
    for country, geom in enumerate(geometries):
        polygons = geom.get("arcs") or []
        if geom.get("type") == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for ring in polygon:
                for index in ring:
                    owners.setdefault(index if index >= 0 else ~index, set()).add(country)
    lines = []
    for index in sorted(owners):
        if len(owners[index]) < 2:
            continue                 # a coast (or an island's shore): the land layer draws it
        arc = arcs[index]
        if any(abs(a[0] - b[0]) > 180 for a, b in zip(arc, arc[1:])):
            continue                 # stitched across the antimeridian (far outside the box anyway)
        for part in clip_line(simplify(arc, tolerance), box):
            rounded = _round_line(part, number)
            if len(rounded) > 1:
                lines.append(rounded)
    return {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "borders"},
            "geometry": {"type": "MultiLineString", "coordinates": lines}}]}
