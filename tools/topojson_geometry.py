"""TopoJSON to GeoJSON and the polygon helpers tools/make_basemap.py uses: arcs decoded, rings joined,
polygons cut at the antimeridian, rounded, wound counter-clockwise and boxed. Pure Python, no dependencies."""

from __future__ import annotations

from typing import Any

from basemap_detail import _at_lon, _clip_ring_side   # one Sutherland–Hodgman side clip for both

Position = list[float]
Ring = list[Position]
PolygonCoords = list[Ring]


# --------------------------------------------------------------------------- TopoJSON


def _decode_arcs(topology: dict[str, Any]) -> list[list[Position]]:
    """Absolute coordinates of every arc, undoing quantisation and delta encoding."""
    transform = topology.get("transform")
    arcs: list[list[Position]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([[float(p[0]), float(p[1])] for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for p in arc:
            x += p[0]  # quantised arcs store deltas from the previous point
            y += p[1]
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)
    return arcs


def _ring(arc_indices: list[int], arcs: list[list[Position]]) -> Ring:
    """Join arcs into one ring; index ~i (i.e. -i-1) means arc i reversed."""
    ring: Ring = []
    for index in arc_indices:
        points = arcs[~index][::-1] if index < 0 else arcs[index]
        if ring:
            ring.pop()  # consecutive arcs share their end/start point
        ring.extend([p[0], p[1]] for p in points)
    return ring


def _geometry(geom: dict[str, Any], arcs: list[list[Position]]) -> dict[str, Any] | None:
    kind = geom.get("type")
    if kind == "Polygon":
        return {"type": kind, "coordinates": [_ring(r, arcs) for r in geom["arcs"]]}
    if kind == "MultiPolygon":
        return {"type": kind, "coordinates": [[_ring(r, arcs) for r in poly] for poly in geom["arcs"]]}
    if kind == "LineString":
        return {"type": kind, "coordinates": _ring(geom["arcs"], arcs)}
    if kind == "MultiLineString":
        return {"type": kind, "coordinates": [_ring(line, arcs) for line in geom["arcs"]]}
    if kind is None:
        return None
    raise ValueError(f"unsupported TopoJSON geometry type: {kind}")


def topojson_to_geojson(topology: dict[str, Any], object_name: str) -> dict[str, Any]:
    """Convert ``topology.objects[object_name]`` to a GeoJSON FeatureCollection.

    Handles the quantisation ``transform`` (delta-encoded integer arcs), negative arc
    indices (reversed arcs) and the shared-arc topology of Polygon / MultiPolygon
    (plus LineString / MultiLineString).  Null geometries are kept as ``None``.
    """
    arcs = _decode_arcs(topology)
    obj = topology["objects"][object_name]
    geometries = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
    features = []
    for geom in geometries:
        feature: dict[str, Any] = {
            "type": "Feature",
            "properties": dict(geom.get("properties") or {}),
            "geometry": _geometry(geom, arcs),
        }
        if "id" in geom:
            feature["id"] = geom["id"]
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}


# --------------------------------------------------------------------------- antimeridian


def _unwrap(ring: Ring) -> Ring:
    """Make longitudes continuous: a jump of more than 180 degrees is a wrap, not an edge."""
    out: Ring = []
    offset = 0.0
    prev = None
    for lon, lat in ring:
        if prev is not None:
            step = lon + offset - prev
            if step > 180:
                offset -= 360
            elif step < -180:
                offset += 360
        prev = lon + offset
        out.append([prev, lat])
    return out


def _clip_lon(ring: Ring, lo: float, hi: float) -> Ring:
    """Sutherland-Hodgman clip of a closed ring to lo <= lon <= hi.

    Concave rings cut into several pieces come back as one ring joined by zero-width
    bridges along the cut meridian; they fill correctly and lie on the map edge.
    """
    points = ring[:-1] if ring and ring[0] == ring[-1] else ring
    points = _clip_ring_side(points, lambda p: p[0] >= lo, _at_lon(lo))
    points = _clip_ring_side(points, lambda p: p[0] <= hi, _at_lon(hi))
    if len(points) < 3:
        return []
    return points + [points[0]]


def split_antimeridian(polygon: PolygonCoords) -> list[PolygonCoords]:
    """Return the polygon as one or more polygons whose longitudes stay within [-180, 180].

    world-atlas stitches features across the antimeridian, so a ring may jump from +180
    to -180.  Rings are unwrapped to continuous longitudes; a ring that goes once around
    the pole (Antarctica) is closed along the pole; the result is cut into 360-degree
    windows that are shifted back into range.
    """
    rings = []
    for ring in map(_unwrap, polygon):
        if all(abs(p[1]) > 89.99 for p in ring):
            continue  # a degenerate cap around the pole itself (Antarctica at 1:50m)
        if abs(abs(ring[-1][0] - ring[0][0]) - 360) < 1e-6:  # goes round the pole: close along it
            pole = -90.0 if sum(p[1] for p in ring) < 0 else 90.0
            ring = ring + [[ring[-1][0], pole], [ring[0][0], pole], ring[0][:]]
        rings.append(ring)
    if not rings:
        return []
    # The exterior is the largest ring (after dropping a pole cap it may not come first).
    rings.sort(key=lambda r: -abs(_signed_area(r)))
    exterior = rings[0]
    # Holes were unwrapped on their own; move each next to the exterior.
    centre = (min(p[0] for p in exterior) + max(p[0] for p in exterior)) / 2
    for i in range(1, len(rings)):
        shift = 360 * round((centre - rings[i][0][0]) / 360)
        if shift:
            rings[i] = [[p[0] + shift, p[1]] for p in rings[i]]

    west = min(p[0] for r in rings for p in r)
    east = max(p[0] for r in rings for p in r)
    if west >= -180 and east <= 180:
        return [rings]
    pieces = []
    k = -1
    while -180 + 360 * k < east:
        lo, hi = -180 + 360 * k, 180 + 360 * k
        if hi > west:
            outer = _clip_lon(rings[0], lo, hi)
            if outer:
                holes = [h for h in (_clip_lon(r, lo, hi) for r in rings[1:]) if h]
                pieces.append([[[p[0] - 360 * k, p[1]] for p in r] for r in [outer, *holes]])
        k += 1
    return pieces


# --------------------------------------------------------------------------- clean-up


def _num(value: float, digits: int) -> float | int:
    v = round(value, digits) + 0.0  # + 0.0 turns -0.0 into 0.0
    return int(v) if v.is_integer() else v


def _clean_ring(ring: Ring, digits: int) -> Ring:
    """Round, drop repeated consecutive points, keep closed; [] if degenerate."""
    out: Ring = []
    for lon, lat in ring:
        p = [_num(lon, digits), _num(lat, digits)]
        if not out or p != out[-1]:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0][:])
    if len(out) < 4 or _signed_area(out) == 0:
        return []
    return out


def _signed_area(ring: Ring) -> float:
    """Shoelace formula; positive for counter-clockwise rings (lon = x, lat = y)."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:])) / 2


def _rewind(polygon: PolygonCoords) -> PolygonCoords:
    """RFC 7946 winding: exterior counter-clockwise, holes clockwise."""
    out = []
    for i, ring in enumerate(polygon):
        ccw = _signed_area(ring) > 0
        out.append(ring if ccw == (i == 0) else ring[::-1])
    return out


def _bbox(polygon: PolygonCoords) -> tuple[float, float, float, float]:
    lons = [p[0] for p in polygon[0]]
    lats = [p[1] for p in polygon[0]]
    return min(lons), min(lats), max(lons), max(lats)


def _intersects(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _polygons(geometry: dict[str, Any] | None) -> list[PolygonCoords]:
    if geometry is None:
        return []
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"expected a polygonal geometry, got {geometry['type']}")
