"""``explorer borders``: the state at a point, a day's GeoJSON, and one-line errors with exit code 2."""

from __future__ import annotations

import json

import pytest

from explorer.cli import main


def _run(capsys, *argv):
    code = main(["borders", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_state_at_a_point(capsys):
    code, out, err = _run(capsys, "--date", "1939-10-01", "--at", "52.0976,23.7341")
    assert code == 0 and not err
    lines = out.splitlines()
    assert lines[0] == "Polish territory under Soviet occupation (Sowjetisch besetztes Polen)"
    assert "sovereign: Soviet Union (occupied)" in lines
    assert any(line.startswith("precision: 1 (approximate)") for line in lines)
    assert "source: German–Soviet Boundary and Friendship Treaty, 28 September 1939" in lines
    assert "event: boundary-friendship-1939" in lines


def test_independent_state_has_no_sovereign_line(capsys):
    code, out, _err = _run(capsys, "--date", "1925-06-01", "--at", "52.0976,23.7341")
    assert code == 0
    assert out.splitlines()[0] == "Poland (Polen)" and "status: independent" in out and "sovereign:" not in out


def test_json_output(capsys):
    code, out, _err = _run(capsys, "--date", "1938-04-01", "--at", "48.2082,16.3738", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["date"] == "1938-04-01" and data["state"]["name"] == "Germany"
    assert data["state"]["event"] == "anschluss-1938" and data["state"]["valid_from"] == "1938-03-13"
    code, out, _err = _run(capsys, "--date", "1938-04-01", "--at", "43.0,5.0", "--json")
    assert code == 0 and json.loads(out)["state"] is None


def test_sea_is_no_state(capsys):
    code, out, _err = _run(capsys, "--date", "1930-01-01", "--at", "43.0,5.0")
    assert code == 0 and "no state" in out


@pytest.mark.parametrize(("argv", "needle"), [
    (["--date", "1939-13-01", "--at", "52,23"], "--date"),
    (["--date", "1939-10", "--at", "52,23"], "--date"),
    (["--date", "1950-01-01", "--at", "52,23"], "outside the period borders"),
    (["--date", "1939-10-01", "--at", "52;23"], "--at"),
    (["--date", "1939-10-01", "--at", "95,23"], "off the globe"),
    (["--date", "1939-10-01", "--at", "north,east"], "--at"),
    (["--date", "1939-10-01"], "--at LAT,LON or --out"),
])
def test_bad_input_is_a_one_line_error(capsys, argv, needle):
    code, out, err = _run(capsys, *argv)
    assert code == 2 and not out
    assert len(err.strip().splitlines()) == 1 and needle in err and err.startswith("explorer borders: error:")


def test_writes_a_days_geojson_and_refuses_to_overwrite(capsys, tmp_path):
    target = tmp_path / "borders-1940.geojson"
    code, _out, err = _run(capsys, "--date", "1940-09-01", "--out", str(target))
    assert code == 0 and "states on 1940-09-01" in err
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and data["features"]
    assert all(f["type"] == "Feature" and f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in data["features"])
    assert all(f["properties"]["valid_from"] <= "1940-09-01" <= f["properties"]["valid_to"] for f in data["features"])
    before = target.read_bytes()
    code, _out, err = _run(capsys, "--date", "1922-04-16", "--out", str(target))
    assert code == 2 and "--force" in err and target.read_bytes() == before
    code, _out, _err = _run(capsys, "--date", "1922-04-16", "--out", str(target), "--force")
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["metadata"]["date"] == "1922-04-16"


def test_unwritable_target_is_a_one_line_error(capsys, tmp_path):
    code, _out, err = _run(capsys, "--date", "1940-09-01", "--out", str(tmp_path / "missing" / "x.geojson"))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "cannot write" in err
