"""The close-zoom (1:10m) base-map layers and the clipping that makes them (tools/basemap_detail.py). No Qt."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASEMAP = ROOT / "explorer" / "assets" / "basemap"
BOX = (-30.0, 24.0, 70.0, 75.0)


@pytest.fixture(scope="module")
def detail():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        spec = importlib.util.spec_from_file_location("basemap_detail", ROOT / "tools" / "basemap_detail.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "tools"))


def _read(name):
    return json.loads((BASEMAP / name).read_text(encoding="utf-8"))


def _inside(point, polygons) -> bool:
    x, y = point
    inside = False
    for polygon in polygons:
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
    return inside


def test_clip_ring_cuts_a_square_to_the_box(detail):
    square = [[-10, -10], [10, -10], [10, 10], [-10, 10], [-10, -10]]
    clipped = detail.clip_ring(square, (0, 0, 20, 20))
    assert clipped[0] == clipped[-1]
    assert sorted(map(tuple, clipped[:-1])) == [(0, 0), (0, 10), (10, 0), (10, 10)]
    assert detail.clip_ring(square, (20, 20, 30, 30)) == []


def test_clip_line_splits_a_line_that_leaves_and_comes_back(detail):
    line = [[-5, 1], [5, 1], [15, 1], [15, 5], [5, 5], [5, 8]]
    parts = detail.clip_line(line, (0, 0, 10, 10))
    assert parts == [[[0, 1], [5, 1], [10, 1]], [[10, 5], [5, 5], [5, 8]]]
    assert detail.clip_line([[20, 20], [30, 30]], (0, 0, 10, 10)) == []


def test_simplify_keeps_the_shape_and_the_ends(detail):
    wiggly = [[x / 10, 0.0001 * (-1) ** x] for x in range(101)] + [[10, 5]]
    thin = detail.simplify(wiggly, 0.01)
    assert thin[0] == wiggly[0] and thin[-1] == wiggly[-1]
    assert len(thin) == 3                       # the straight run, its end, and the corner up to (10, 5)


@pytest.mark.parametrize("name", ["land-10m-europe.geojson", "borders-10m-europe.geojson"])
def test_detail_files_are_small_and_inside_the_box(name):
    assert (BASEMAP / name).stat().st_size < 2 * 1024 * 1024
    geometry = _read(name)["features"][0]["geometry"]
    points = [p for part in geometry["coordinates"] for ring in (part if name.startswith("land") else [part])
              for p in ring]
    assert points
    west, south, east, north = BOX
    assert all(west <= x <= east and south <= y <= north for x, y in points)


def test_land_at_close_zoom_covers_towns_and_leaves_the_sea():
    polygons = _read("land-10m-europe.geojson")["features"][0]["geometry"]["coordinates"]
    for town in ((13.405, 52.52), (7.68, 45.07), (37.62, 55.76), (-0.13, 51.51), (49.87, 40.41)):  # Baku too
        assert _inside(town, polygons), town
    for sea in ((5.0, 55.0), (18.0, 35.0), (34.0, 43.0), (-20.0, 45.0)):   # North Sea, Ionian, Black Sea, Atlantic
        assert not _inside(sea, polygons), sea


def test_borders_at_close_zoom_are_lines_between_countries():
    lines = _read("borders-10m-europe.geojson")["features"][0]["geometry"]["coordinates"]

    def near(lon, lat, km=15):
        degrees = km / 111
        return any(abs(x - lon) < degrees and abs(y - lat) < degrees for line in lines for x, y in line)

    assert near(14.62, 52.0)          # the Oder between Germany and Poland, near Frankfurt (Oder)
    assert near(8.60, 47.66)          # the Rhine between Switzerland and Germany
    assert not near(1.5, 50.9)        # the French coast at Calais is a coast, not a border
