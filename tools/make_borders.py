#!/usr/bin/env python3
"""Generate the dated period borders shipped in explorer/assets/borders/ (1918–1941).

Inputs (build time only; the app never reads them):

- the five historical-basemaps snapshots in ../shared/borders-source/ (GPL-3.0), or ``--source DIR``;
- the Natural Earth land and country layers already shipped in explorer/assets/basemap/.

The recipe (tools/borders_build/recipe_*.py) draws the map of 11 November 1918 on Natural Earth outlines
(split along snapshot or hand-drawn lines where the period's border is not today's), puts the empires
back together for the first map of 3 March 1918, and then applies every dated change in order; all
versions are simplified together (tools/borders_build/writer.py) and written as one GeoJSON
FeatureCollection, with SOURCE.md and the GPL LICENSE beside it. Same input, same bytes. Needs shapely >= 2.1 (``pip install -e ".[borders]"``)::

    python tools/make_borders.py                 # rewrite explorer/assets/borders/
    python tools/make_borders.py --check         # exit 1 if the committed asset differs
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from borders_build import sources  # noqa: E402
from borders_build.engine import Timeline  # noqa: E402
from borders_build import recipe_1918, recipe_1918_1937, recipe_1938_1941, writer  # noqa: E402

OUT_DIR = sources.REPO / "explorer" / "assets" / "borders"
ASSET = "borders-1918-1941.geojson"
COVERAGE = ("1918-03-03", "1941-12-31")
CREDIT = "Historical borders: historical-basemaps by A. Ourednik and contributors (GPL-3.0)"


def build() -> Timeline:
    """Run the whole recipe and return the timeline with every version."""
    t = Timeline(sources.land())
    regions = recipe_1918.regions()
    recipe_1918.march_1918(t, regions)
    recipe_1918.armistice_1918(t, regions)
    t.check()
    recipe_1918_1937.steps_1918_1922(t, regions)
    t.check()
    recipe_1918_1937.steps_1923_1937(t, regions)
    t.check()
    recipe_1938_1941.steps_1938_1941(t, regions)
    t.check()
    t.finish(COVERAGE[1])
    return t


def generate() -> bytes:
    """The asset's bytes."""
    t = build()
    geoms = writer.simplify(t.versions)
    meta = {"coverage": {"from": COVERAGE[0], "to": COVERAGE[1]}, "credit": CREDIT, "license": "GPL-3.0-or-later",
            "generator": "tools/make_borders.py", "dates": "valid_from and valid_to are ISO days, both inclusive",
            "precision": {"1": "approximate", "2": "moderately precise", "3": "determined by law"}}
    return writer.dump(writer.collection(t.versions, t.steps, geoms, meta))


def source_md(data: bytes) -> str:
    """SOURCE.md beside the asset: credit, licence, how it was made, what is approximate."""
    changes = "\n".join(f"| {c['date']} | {c['name']} | {c['event'] or ''} |"
                        for c in json.loads(data)["changes"])
    return f"""# Period borders 1918–1941

{CREDIT}.

`{ASSET}` is generated from the historical-basemaps snapshots (repository `aourednik/historical-basemaps`,
folder `geojson/`, commit 137f2c6acf71a0e50c6b799d0d5bc9d985adfa90; files `world_1914`, `world_1920`,
`world_1930`, `world_1938`, `world_1945`) and from Natural Earth 1:50m land and countries (public domain,
shipped in `../basemap/`). Like its source it is licensed under the **GNU General Public License v3**
(see `LICENSE` here). It is not the present-day base map: these are the borders of 1918–1941.

- Size: {len(data):,} bytes; SHA-256 `{hashlib.sha256(data).hexdigest()}`.
- Made by `python tools/make_borders.py` (needs `pip install -e ".[borders]"`, shapely 2.1 or later;
  the bytes above come from shapely 2.2.0 with GEOS 3.14.1). Same input, same bytes.

## Format

One GeoJSON FeatureCollection (RFC 7946, WGS84 lon/lat). Each feature is one version of one state:
`id` (`state@valid_from`), `state` (a stable key), `name` and `name_de` (as it was then),
`sovereign`/`sovereign_de` (the power it belonged to, was protected, administered or occupied by; null
when independent), `status` (independent, dominion, personal union, union republic, protectorate,
mandate, colony, free city, League of Nations territory, Allied administration, occupied, client state,
contested), `valid_from`/`valid_to` (ISO days, both inclusive), `precision` (1 approximate, 2
moderately precise, 3 determined by law, as historical-basemaps' BORDERPRECISION) with
`precision_note` saying what is approximate, `source` (the change that made the version), `event` (the
dataset event behind it, if any), `change` (its entry in `changes`) and `label` (a point inside the
state for its name). The top-level `changes` list holds every day the map changed. A page can load the
file once and show a day `d` by keeping the features with `valid_from <= d <= valid_to` (ISO strings
compare correctly); at every day the features in force tile the land without overlapping.

## How it is made

1. Each snapshot is extended over the sea (every point of the box goes to the nearest state), so that
   cutting Natural Earth land with it never leaves a coastal strip unassigned.
2. The map of 11 November 1918 is built from Natural Earth's present-day countries, whole where today's
   border is the period's, cut with a snapshot (or a hand-drawn line, `tools/borders_build/hand.py`) where
   it is not. The March 1918 map is that map with the empires put back together from the 1914 snapshot.
3. Every later change moves land from one state to another or changes a state's name or status, so
   land is never doubled or lost. Hand-drawn lines (precision 1): North Schleswig's 1864–1920 border,
   Eupen-Malmedy, the Hlučín region, East Prussia's south-western edge, the Polish–Lithuanian demarcation
   line and Central Lithuania, Crimea, Hatay, Petsamo, the German–Soviet line of 1939 away from today's
   Polish border, the General Government, Northern Transylvania (1940) and the partition of Yugoslavia
   (1941).
4. All versions are simplified together (noded into faces, one coverage simplification at 0.04°, about
   4 km), islands under about 40 km² are left out, coordinates are rounded to 0.01°.

## Known approximations

- March–November 1918: wartime occupations in the west and the Balkans are not drawn.
- 1918–1921: the successor states of Austria-Hungary are drawn within their treaty borders from the
  armistice on; the Russian civil war is shown as contested areas; Central Asia stays inside Soviet
  Russia until 1924 (Bukhara and Khorezm are not drawn); Kars and Ardahan are Turkish throughout.
- The Saar Territory (1920–1935) is drawn as the larger Saar of 1947 (1945 snapshot).
- Not drawn: Fiume (1920–1924), the Tangier zone, Burgenland's transfer (1921), Petseri and Abrene,
  the Little War of 1939 in eastern Slovakia, the occupations of 1940 in the west and of 1941 in the
  east, Monaco and the Vatican (too small for the simplification).

## Changes

| Date | Change | Event |
|---|---|---|
{changes}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="folder with world_1914.geojson … world_1945.geojson")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder (default: explorer/assets/borders)")
    parser.add_argument("--check", action="store_true", help="compare with the committed asset instead of writing")
    args = parser.parse_args(argv)
    if args.source:
        sources.set_snapshot_dir(args.source)
    if not (sources.SNAPSHOT_DIR / "world_1914.geojson").exists():
        print(f"make_borders: no snapshots in {sources.SNAPSHOT_DIR}; pass --source DIR", file=sys.stderr)
        return 2
    start = time.perf_counter()
    data = generate()
    target = args.out / ASSET
    if args.check:
        same = target.exists() and target.read_bytes() == data
        print(f"{target}: {'up to date' if same else 'differs from a fresh build'}")
        return 0 if same else 1
    args.out.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    (args.out / "SOURCE.md").write_text(source_md(data), encoding="utf-8")
    shutil.copyfile(sources.SNAPSHOT_DIR / "LICENSE", args.out / "LICENSE")
    print(f"{target}: {len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()[:16]}…, "
          f"{time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
