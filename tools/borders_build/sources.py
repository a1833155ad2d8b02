"""The inputs of the borders build: the land and country layers of the shipped base map (Natural Earth)
and the five historical-basemaps snapshots, each snapshot extended so that its states tile the whole box.

Geometry is built from these by union and difference: a region such as "Poland's part of the present
Belarus in 1930" is ``ne("Belarus") & snap(1930, "Poland")``. Natural Earth gives the coasts and every
present-day border that is also a border of the period; the snapshots give the lines that are not."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import shapely
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

REPO = Path(__file__).resolve().parents[2]
BASEMAP = REPO / "explorer" / "assets" / "basemap"
#: The snapshots: ../shared/borders-source beside the checkout (or beside its worktree folder).
SNAPSHOT_DIR = next((d for d in (REPO.parent / "shared" / "borders-source",
                                 REPO.parent.parent / "shared" / "borders-source") if d.is_dir()),
                    REPO.parent / "shared" / "borders-source")
YEARS = (1914, 1920, 1930, 1938, 1945)
#: The base map's box (west, south, east, north): Europe, North Africa and the Near East.
BOX = (-30.0, 24.0, 70.0, 75.0)
#: Parts of a snapshot without a NAME (mostly islands) and where they belong, as (lon, lat) -> NAME;
#: the rest go to the nearest named state of the same snapshot.
UNNAMED_HOMES = {(-7.0, 62.0): "Denmark", (20.0, 60.2): "Finland", (26.8, 40.9): None}


def set_snapshot_dir(path: Path) -> None:
    """Read the snapshots from ``path`` (the default is ../shared/borders-source beside the work tree)."""
    global SNAPSHOT_DIR
    SNAPSHOT_DIR = Path(path)
    snapshot.cache_clear()


def _clean(geom: BaseGeometry) -> BaseGeometry:
    geom = shapely.make_valid(geom)
    return shapely.union_all([g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("Polygon", "MultiPolygon")])


@cache
def land() -> BaseGeometry:
    """Natural Earth 1:50m land inside the box (the coasts of every state)."""
    data = json.loads((BASEMAP / "land-50m-europe.geojson").read_text(encoding="utf-8"))
    return _clean(shape(data["features"][0]["geometry"])).intersection(box(*BOX))


@cache
def countries() -> dict[str, BaseGeometry]:
    """Natural Earth 1:50m countries (present-day borders) inside the box, by Natural Earth name."""
    data = json.loads((BASEMAP / "countries-50m-europe.geojson").read_text(encoding="utf-8"))
    out = {}
    for feature in data["features"]:
        geom = _clean(shape(feature["geometry"])).intersection(box(*BOX))
        if not geom.is_empty:
            out[feature["properties"]["name"]] = geom
    return out


def ne(*names: str) -> BaseGeometry:
    """The union of the named present-day countries (Natural Earth names, e.g. "Bosnia and Herz.")."""
    table = countries()
    missing = [n for n in names if n not in table]
    if missing:
        raise KeyError(f"no Natural Earth country {missing}")
    return shapely.union_all([table[n] for n in names])


@cache
def snapshot(year: int) -> dict[str, BaseGeometry]:
    """One snapshot's states by NAME, extended to tile the whole box.

    Features of the same NAME are merged; where two features overlap the first in the file keeps the
    overlap. Unnamed parts go to UNNAMED_HOMES or to the nearest named state. Then every point of the box
    outside all states is given to the nearest state (a Voronoi diagram of points along the states'
    outlines), so that intersecting a snapshot with Natural Earth land never leaves a coastal strip out."""
    data = json.loads((SNAPSHOT_DIR / f"world_{year}.geojson").read_text(encoding="utf-8"))
    frame = box(*BOX)
    named: dict[str, BaseGeometry] = {}
    unnamed: list[BaseGeometry] = []
    taken = shapely.Polygon()
    for feature in data["features"]:
        if not feature.get("geometry"):
            continue
        geom = _clean(shape(feature["geometry"])).intersection(frame).difference(taken)
        if geom.is_empty or geom.area < 1e-9:
            continue
        taken = taken.union(geom)
        name = feature["properties"].get("NAME")
        if name:
            named[name] = named[name].union(geom) if name in named else geom
        else:
            unnamed.extend(getattr(geom, "geoms", [geom]))
    for part in unnamed:
        centre = part.representative_point()
        home = next((h for (x, y), h in UNNAMED_HOMES.items()
                     if abs(centre.x - x) < 0.8 and abs(centre.y - y) < 0.8), "")
        if home == "":
            home = min(sorted(named), key=lambda n: named[n].distance(centre))
        if home:
            named[home] = named[home].union(part)
    return _extend(named, frame)


def _extend(states: dict[str, BaseGeometry], frame: BaseGeometry) -> dict[str, BaseGeometry]:
    names = sorted(states)
    seen: dict[tuple[float, float], int] = {}
    for i, name in enumerate(names):
        outline = shapely.segmentize(states[name].boundary, 0.1)
        for x, y in shapely.get_coordinates(outline):
            seen.setdefault((round(x, 6), round(y, 6)), i)   # a shared vertex goes to one of its states
    points, owners = list(seen), list(seen.values())
    pts = shapely.points(points)
    cells = shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=frame, ordered=True)
    by_owner: dict[int, list] = {}
    for owner, cell in zip(owners, shapely.get_parts(cells)):
        by_owner.setdefault(owner, []).append(cell)
    covered = shapely.union_all(list(states.values()))
    gap = frame.difference(covered)
    out = {}
    for i, name in enumerate(names):
        reach = shapely.union_all(by_owner.get(i, [])).intersection(gap)
        out[name] = _clean(states[name].union(reach))
    # The Voronoi cells of different owners touch but never overlap; remove numeric overlaps anyway.
    taken = shapely.Polygon()
    for name in names:
        out[name] = out[name].difference(taken)
        taken = taken.union(out[name])
    return out


def snap(year: int, *names: str) -> BaseGeometry:
    """The union of the named states of one snapshot, extended over the sea (see :func:`snapshot`)."""
    table = snapshot(year)
    missing = [n for n in names if n not in table]
    if missing:
        raise KeyError(f"no state {missing} in the {year} snapshot")
    return shapely.union_all([table[n] for n in names])


def poly(*lonlat: tuple[float, float]) -> BaseGeometry:
    """A polygon drawn by hand from (lon, lat) corners (see hand.py for each one's reason)."""
    return shapely.Polygon(lonlat)
