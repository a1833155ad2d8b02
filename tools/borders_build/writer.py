"""Simplify every version consistently and write the asset as one GeoJSON FeatureCollection.

Versions of different dates share borders, so they are simplified together: the borders of all
versions are noded into faces (the smallest pieces of land that never split), the faces are simplified
as one coverage (shared edges stay shared) and each version is the union of its faces again. Neighbours
therefore meet exactly at every date, and a border that did not move is the same line before and after."""

from __future__ import annotations

import json
from typing import Any

import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from .engine import Step, Version

#: Coverage simplification tolerance in degrees (about 4 km): fine at the zooms of a map of Europe,
#: and it keeps all versions of 1918–1941 together near 800 kB.
TOLERANCE = 0.04
#: Coordinates are rounded to this grid (degrees, about 1 km).
GRID = 0.01
#: Islands smaller than this (square degrees, about 40 km2 in Europe) are left out.
MIN_ISLAND = 0.005


def faces(versions: list[Version]) -> tuple[list[BaseGeometry], list[list[int]]]:
    """The faces of the overlay of all versions and, for each version, the indices of its faces."""
    lines = shapely.union_all([shapely.boundary(v.geom) for v in versions])
    pieces = list(shapely.get_parts(shapely.polygonize(list(shapely.get_parts(lines)))))
    points = [p.representative_point() for p in pieces]
    tree = shapely.STRtree(points)
    members: list[list[int]] = []
    for v in versions:
        hits = tree.query(v.geom, predicate="contains")
        members.append(sorted(int(i) for i in hits))
    return pieces, members


def _islands(pieces: list[BaseGeometry]) -> set[int]:
    """Faces that touch no other face and are smaller than MIN_ISLAND."""
    tree = shapely.STRtree(pieces)
    small = set()
    for i, piece in enumerate(pieces):
        if piece.area >= MIN_ISLAND:
            continue
        near = [int(j) for j in tree.query(piece, predicate="intersects") if int(j) != i]
        if not near:
            small.add(i)
    return small


def simplify(versions: list[Version], tolerance: float = TOLERANCE) -> list[BaseGeometry]:
    """Each version's geometry, simplified consistently with every other version's."""
    pieces, members = faces(versions)
    islands = _islands(pieces)
    members = [[i for i in m if i not in islands] or m for m in members]   # a state that is one islet keeps it
    used = sorted({i for m in members for i in m})
    index = {face: k for k, face in enumerate(used)}
    simple = list(shapely.coverage_simplify([pieces[i] for i in used], tolerance))
    out = []
    for v, m in zip(versions, members):
        geom = shapely.union_all([simple[index[i]] for i in m])
        geom = shapely.set_precision(geom, GRID)
        geom = shapely.orient_polygons(geom, exterior_cw=False)
        out.append(geom)
    return out


def _num(value: float) -> float | int:
    v = round(value, 2) + 0.0   # the grid is coarser; this only trims float noise
    return int(v) if v.is_integer() else v


def _coords(geom: BaseGeometry) -> dict[str, Any]:
    raw = mapping(geom)

    def walk(c):
        if isinstance(c[0], (int, float)):
            return [_num(c[0]), _num(c[1])]
        return [walk(x) for x in c]

    return {"type": raw["type"], "coordinates": walk(raw["coordinates"])}


def _label(geom: BaseGeometry) -> list[float]:
    largest = max(shapely.get_parts(geom), key=lambda p: p.area)
    point = polylabel(largest, tolerance=0.05)
    return [_num(point.x), _num(point.y)]


def collection(versions: list[Version], steps: list[Step], geoms: list[BaseGeometry],
               meta: dict[str, Any]) -> dict[str, Any]:
    """The asset: one feature per version (sorted by state and date) and the list of changes."""
    order = sorted(range(len(versions)), key=lambda i: (versions[i].state, versions[i].valid_from))
    features = []
    for i in order:
        v, geom = versions[i], geoms[i]
        if geom.is_empty:
            raise ValueError(f"{v.state} from {v.valid_from} vanished when simplified")
        props = {"id": f"{v.state}@{v.valid_from.isoformat()}", "state": v.state,
                 **{k: v.attrs[k] for k in ("name", "name_de", "sovereign", "sovereign_de", "status")},
                 "valid_from": v.valid_from.isoformat(), "valid_to": v.valid_to.isoformat(),
                 "precision": v.attrs["precision"], "precision_note": v.attrs["precision_note"],
                 "source": v.attrs["source"], "event": v.event, "change": v.step, "label": _label(geom)}
        features.append({"type": "Feature", "id": props["id"], "properties": props, "geometry": _coords(geom)})
    changes = [{"id": s.id, "date": s.date.isoformat(), "name": s.title, "name_de": s.title_de,
                "source": s.source, "event": s.event,
                "features": sorted(f"{k}@{s.date.isoformat()}" for k in s.versions)}
               for s in steps if s.versions]
    return {"type": "FeatureCollection", "metadata": meta, "changes": changes, "features": features}


def dump(data: dict[str, Any]) -> bytes:
    """Compact, deterministic JSON (UTF-8, one trailing newline)."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
