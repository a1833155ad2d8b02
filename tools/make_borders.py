#!/usr/bin/env python3
"""Generate the dated period borders shipped in explorer/assets/borders/ (1918–1941).

Inputs (build time only; the app never reads them):

- the five historical-basemaps snapshots in ../shared/borders-source/ (GPL-3.0), or ``--source DIR``;
- the Natural Earth land and country layers already shipped in explorer/assets/basemap/.

The recipe (tools/borders_build/recipe_*.py) starts from the 1914 snapshot on 3 March 1918, draws the
map anew from Natural Earth outlines on 11 November 1918 and then applies every dated change in order;
all versions are simplified together (tools/borders_build/writer.py) and written as one GeoJSON
FeatureCollection. Same input, same bytes. Needs shapely >= 2.1 (``pip install -e ".[borders]"``)::

    python tools/make_borders.py                 # rewrite explorer/assets/borders/
    python tools/make_borders.py --check         # exit 1 if the committed asset differs
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from borders_build import sources  # noqa: E402
from borders_build.engine import Timeline  # noqa: E402
from borders_build import recipe_1918, recipe_steps, writer  # noqa: E402

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
    recipe_steps.steps_1918_1922(t, regions)
    t.check()
    recipe_steps.steps_1923_1937(t, regions)
    t.check()
    recipe_steps.steps_1938_1941(t, regions)
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
    print(f"{target}: {len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()[:16]}…, "
          f"{time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
