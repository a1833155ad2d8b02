"""The shipped borders asset: its licence and credit beside it, its checksum, and that the generator
makes exactly the committed bytes (the full build takes ~15 s, so that one is marked slow)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BORDERS = ROOT / "explorer" / "assets" / "borders"
ASSET = BORDERS / "borders-1918-1941.geojson"
CREDIT = "Historical borders: historical-basemaps by A. Ourednik and contributors (GPL-3.0)"


def _load_tool():
    spec = importlib.util.spec_from_file_location("make_borders", ROOT / "tools" / "make_borders.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_licence_and_credit_beside_the_asset():
    assert "GNU GENERAL PUBLIC LICENSE" in (BORDERS / "LICENSE").read_text(encoding="utf-8")
    assert "Version 3" in (BORDERS / "LICENSE").read_text(encoding="utf-8")
    source = (BORDERS / "SOURCE.md").read_text(encoding="utf-8")
    for needle in (CREDIT, "GNU General Public License v3", "python tools/make_borders.py", "Natural Earth",
                   "137f2c6acf71a0e50c6b799d0d5bc9d985adfa90"):
        assert needle in source
    assert json.loads(ASSET.read_bytes())["metadata"]["credit"] == CREDIT


def test_checksum_and_size_in_source_md_match_the_asset():
    data = ASSET.read_bytes()
    source = (BORDERS / "SOURCE.md").read_text(encoding="utf-8")
    assert hashlib.sha256(data).hexdigest() in source
    assert f"{len(data):,} bytes" in source
    assert len(data) < 900_000, "the asset must stay small enough to load fast in the page"


def test_asset_is_compact_deterministic_json():
    raw = ASSET.read_bytes()
    data = json.loads(raw)
    assert raw.decode("utf-8") == json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    ids = [f["properties"]["id"] for f in data["features"]]
    assert ids == sorted(ids, key=lambda i: (i.split("@")[0], i.split("@")[1])) and len(ids) == len(set(ids))


@pytest.mark.slow
def test_generator_rebuilds_the_committed_asset():
    pytest.importorskip("shapely")
    tool = _load_tool()
    if not (tool.sources.SNAPSHOT_DIR / "world_1914.geojson").exists():
        pytest.skip(f"no snapshots in {tool.sources.SNAPSHOT_DIR}")
    assert tool.generate() == ASSET.read_bytes(), "run python tools/make_borders.py and commit the result"
