#!/usr/bin/env python3
"""Generate the offline base map (countries, coastlines) shipped in explorer/assets/basemap/.

The data is Natural Earth (public domain), taken from the npm package
``world-atlas@2.0.2`` which redistributes it as TopoJSON.  This script:

1. fetches the package with ``npm pack`` into a temporary directory and unpacks it;
2. decodes the TopoJSON to GeoJSON in pure Python (:func:`topojson_to_geojson`);
3. repairs rings that cross the antimeridian (world-atlas "stitches" Russia, Fiji and
   Antarctica across +-180 degrees, which Leaflet would draw as a stripe across the world);
4. writes compact, deterministic GeoJSON files plus SOURCE.md to explorer/assets/basemap/.

Standard library only.  Usage::

    python tools/make_basemap.py                   # fetch with npm, write explorer/assets/basemap/
    python tools/make_basemap.py --tarball X.tgz   # use an already downloaded package

The GeoJSON output is byte-identical for the same input.  SOURCE.md carries the
generation date; set SOURCE_DATE_EPOCH to pin it.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import basemap_detail  # noqa: E402  (tools/basemap_detail.py: the 1:10m layers)
from topojson_geometry import (  # noqa: E402, F401  (tools/topojson_geometry.py; _signed_area for the tests)
    _bbox, _clean_ring, _decode_arcs, _intersects, _num, _polygons, _rewind, _signed_area, split_antimeridian,
    topojson_to_geojson,
)

PACKAGE = "world-atlas"
VERSION = "2.0.2"
PACKAGE_SPEC = f"{PACKAGE}@{VERSION}"

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_ROOT / "explorer" / "assets" / "basemap"

#: Europe + Near East + North Africa: (west, south, east, north) in degrees.
EUROPE_BOX = (-30.0, 24.0, 70.0, 75.0)
#: The 1:10m layers (drawn from zoom 7 on): thinned to this many degrees (about 200 m, under a pixel at zoom 9).
DETAIL_TOLERANCE = 0.002

def build_layer(
    collection: dict[str, Any],
    *,
    digits: int,
    box: tuple[float, float, float, float] | None = None,
    name: str | None = None,
) -> dict[str, Any]:
    """Clean a polygonal FeatureCollection for shipping.

    Every feature is split at the antimeridian, rounded to ``digits`` decimals, rewound
    and reduced to the property ``name`` (or the given ``name`` for unnamed features).
    With ``box``, polygons whose bounding box lies entirely outside it are dropped
    (features are never cut), and features left without polygons are dropped.
    Features are sorted by name.
    """
    features = []
    for feature in collection["features"]:
        polygons = []
        for polygon in _polygons(feature["geometry"]):
            for piece in split_antimeridian(polygon):
                if box is not None and not _intersects(_bbox(piece), box):
                    continue
                rings = [_clean_ring(r, digits) for r in piece]
                if not rings[0]:
                    continue
                polygons.append(_rewind([r for r in rings if r]))
        if not polygons:
            continue
        label = name if name is not None else feature["properties"].get("name", "")
        geometry = (
            {"type": "Polygon", "coordinates": polygons[0]}
            if len(polygons) == 1
            else {"type": "MultiPolygon", "coordinates": polygons}
        )
        features.append({"type": "Feature", "properties": {"name": label}, "geometry": geometry})
    features.sort(key=lambda f: (f["properties"]["name"], json.dumps(f["geometry"])))
    return {"type": "FeatureCollection", "features": features}


def dump(collection: dict[str, Any]) -> bytes:
    """Compact, deterministic UTF-8 JSON."""
    return (json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- fetching


def fetch_package(workdir: Path) -> Path:
    """``npm pack world-atlas@2.0.2`` into workdir; return the path of the tarball."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit(
            "make_basemap: 'npm' was not found on PATH. Install Node.js/npm, or download "
            f"{PACKAGE_SPEC} yourself and pass it with --tarball."
        )
    try:
        subprocess.run([npm, "pack", PACKAGE_SPEC, "--silent"], cwd=workdir, check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as exc:
        sys.exit(f"make_basemap: 'npm pack {PACKAGE_SPEC}' failed ({exc.returncode}):\n{exc.stderr.strip()}")
    tarballs = sorted(workdir.glob(f"{PACKAGE}-{VERSION}.tgz"))
    if not tarballs:
        sys.exit(f"make_basemap: 'npm pack' did not produce {PACKAGE}-{VERSION}.tgz in {workdir}")
    return tarballs[0]


def extract(tarball: Path, workdir: Path) -> Path:
    """Unpack the npm tarball; return its ``package/`` directory."""
    with tarfile.open(tarball, "r:gz") as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(workdir, filter="data")
        else:  # Python < 3.11.4
            tar.extractall(workdir)  # noqa: S202 - trusted registry package, fixed version
    package_dir = workdir / "package"
    manifest = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    if (manifest.get("name"), manifest.get("version")) != (PACKAGE, VERSION):
        sys.exit(f"make_basemap: expected {PACKAGE_SPEC}, got {manifest.get('name')}@{manifest.get('version')}")
    return package_dir


# --------------------------------------------------------------------------- main


def _generation_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc) if epoch else _dt.datetime.now(_dt.timezone.utc)
    return when.date().isoformat()


def _source_md(outputs: list[tuple[str, str, bytes, int]], tarball_sha256: str) -> str:
    rows = "\n".join(
        f"| `{name}` | {src} | {n} | {len(data):,} bytes ({len(data) / 1024:.0f} KiB) |" for name, src, data, n in outputs
    )
    w, s, e, n = EUROPE_BOX
    return f"""# Base map data

**The country outlines here are present-day borders (Natural Earth), not those of 1918–1941.** The map
draws them only when asked for present-day borders; by default it draws the land from these files and the
period borders of `explorer/assets/borders/` over it.

The offline base map (land, coastlines, country outlines) is drawn by Leaflet from the
GeoJSON files in this directory; no tile server is used.

## Source and licence

- Data: [Natural Earth](https://www.naturalearthdata.com/) Admin 0 countries and land, version 4.1.0
  (1:10m, 1:50m and 1:110m). Natural Earth data is in the **public domain**
  ("Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com").
- Obtained from the npm package [`{PACKAGE_SPEC}`](https://www.npmjs.com/package/{PACKAGE}/v/{VERSION})
  by Mike Bostock (https://github.com/topojson/world-atlas), which redistributes Natural Earth as
  TopoJSON. The package itself is under the ISC licence (Copyright 2013-2019 Michael Bostock);
  the generated files here contain only Natural Earth data (geometry and country names),
  no code from the package.
- Package tarball SHA-256: `{tarball_sha256}`

## Files

| File | From | Features | Size |
|---|---|---:|---:|
{rows}

- `countries-50m-europe.geojson`: every 1:50m country with a part whose bounding box intersects
  lon {w:g}..{e:g}, lat {s:g}..{n:g} (Europe, Near East, North Africa). Polygons are not cut; parts of
  a country lying entirely outside the box (e.g. French Guiana, Réunion) are dropped.
  Coordinates rounded to 3 decimals.
- `land-50m-europe.geojson`: one feature named "land": the union of the 1:50m countries
  (world-atlas merges them from the same arcs, so its coastline coincides exactly with the
  country outlines), with the same box rule and rounding. Use it to draw land and coastlines
  without any present-day borders, e.g. under historical borders.
- `world-110m.geojson`: all 1:110m countries, coordinates rounded to 2 decimals, for
  zoomed-out views outside Europe.
- `land-10m-europe.geojson` and `borders-10m-europe.geojson`: the close-zoom layers, drawn from zoom 7
  on (the 1:50m ones up to zoom 6) and loaded only when first needed. Unlike the 1:50m files they are
  **cut** to the box above (`tools/basemap_detail.py`): land is one MultiPolygon whose rings are
  clipped to the box, and the present-day borders are only the lines two different countries share
  (each shared TopoJSON arc once, coasts left to the land layer), clipped to the box as lines. Both are
  thinned with Douglas–Peucker at {DETAIL_TOLERANCE:g}° (about 200 m) and rounded to 3 decimals.
- All files: properties `{{"name": ...}}` only (Natural Earth names, e.g. "Germany", "Russia"),
  features sorted by name; repeated points removed; rings wound per RFC 7946 (exterior
  counter-clockwise); compact JSON, UTF-8. Shapes crossing the antimeridian (Russia, Fiji,
  Antarctica; stitched across it in world-atlas) are cut at ±180° so that no ring jumps from
  +180 to -180, and Antarctica is closed along the South Pole.

## Regenerating

Needs Python 3.11+ and npm (network access to the npm registry); standard library only:

```sh
python tools/make_basemap.py
```

It runs `npm pack {PACKAGE_SPEC}` in a temporary directory, decodes the TopoJSON in pure Python
and rewrites this directory. The GeoJSON output is byte-identical for the same package; only
the date below changes (set `SOURCE_DATE_EPOCH` to pin it). Tests: `tests/test_basemap_asset.py`.

Generated: {_generation_date()}
"""


def generate(package_dir: Path, out_dir: Path, tarball_sha256: str) -> list[tuple[str, str, bytes, int]]:
    def load(name: str) -> dict[str, Any]:
        return json.loads((package_dir / name).read_text(encoding="utf-8"))

    countries_50m = load("countries-50m.json")
    europe = build_layer(topojson_to_geojson(countries_50m, "countries"), digits=3, box=EUROPE_BOX)
    # "land" is the union of the same countries (same arcs), so its coastline matches them exactly.
    land = build_layer(topojson_to_geojson(countries_50m, "land"), digits=3, box=EUROPE_BOX, name="land")
    world = build_layer(topojson_to_geojson(load("countries-110m.json"), "countries"), digits=2)
    # Close zooms: land and the lines between countries at 1:10m, cut to the box (tools/basemap_detail.py).
    land_10m = basemap_detail.land_layer(
        topojson_to_geojson(load("land-10m.json"), "land"), EUROPE_BOX, split=split_antimeridian,
        clean_ring=lambda ring: _clean_ring(ring, 3), rewind=_rewind, tolerance=DETAIL_TOLERANCE)
    countries_10m = load("countries-10m.json")
    borders_10m = basemap_detail.border_lines(countries_10m, _decode_arcs(countries_10m), EUROPE_BOX,
                                              number=lambda v: _num(v, 3), tolerance=DETAIL_TOLERANCE)
    outputs = [
        ("countries-50m-europe.geojson", "`countries-50m.json`, object `countries`", dump(europe), len(europe["features"])),
        ("land-50m-europe.geojson", "`countries-50m.json`, object `land`", dump(land), len(land["features"])),
        ("world-110m.geojson", "`countries-110m.json`, object `countries`", dump(world), len(world["features"])),
        ("land-10m-europe.geojson", "`land-10m.json`, object `land`", dump(land_10m), len(land_10m["features"])),
        ("borders-10m-europe.geojson", "`countries-10m.json`, shared arcs of `countries`", dump(borders_10m),
         len(borders_10m["features"])),
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, _src, data, _n in outputs:
        (out_dir / name).write_bytes(data)
    (out_dir / "SOURCE.md").write_text(_source_md(outputs, tarball_sha256), encoding="utf-8")
    return outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tarball", type=Path, help=f"use this {PACKAGE}-{VERSION}.tgz instead of running npm pack")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output directory (default: explorer/assets/basemap)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="make_basemap-") as tmp:
        workdir = Path(tmp)
        tarball = args.tarball if args.tarball else fetch_package(workdir)
        sha256 = hashlib.sha256(tarball.read_bytes()).hexdigest()
        package_dir = extract(tarball, workdir)
        outputs = generate(package_dir, args.out, sha256)
    for name, _src, data, n in outputs:
        print(f"{args.out / name}: {n} feature(s), {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
