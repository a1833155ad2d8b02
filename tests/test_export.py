"""export-data: normalised JSON, valid GeoJSON, and CSV that a spreadsheet opens."""

import csv
import io
import json
import subprocess
import sys

from explorer.model.export import to_csv, to_geojson, to_json


def test_json_is_normalised_with_links_both_ways(mini):
    doc = json.loads(to_json(mini))
    events = {e["id"]: e for e in doc["events"]}
    rapallo = events["rapallo-1922"]
    assert rapallo["date"] == "1922-04-16" and rapallo["date_precision"] == "day"
    assert rapallo["place"] == {"id": "rapallo", "name": "Rapallo", "historical_name": None, "lat": 44.35,
                                "lon": 9.23, "country": "Italy"}
    assert {"name": "Walther Rathenau", "office": "Foreign Minister"} in rapallo["signatories"]
    assert {"event": "berlin-1926", "relation": "reaffirms", "label": "reaffirmed by", "direction": "incoming",
            "note": "Built on Rapallo."} in rapallo["links"]
    assert events["lipetsk-1925"]["date_precision"] == "year" and events["lipetsk-1925"]["end_date"] == "1933"
    assert any(l["label"] == "reaffirms" for l in events["berlin-1926"]["links"])


def test_geojson_is_a_feature_collection_of_points(mini):
    doc = json.loads(to_geojson(mini))
    assert doc["type"] == "FeatureCollection"
    assert len(doc["features"]) == len(mini.events)
    for feature in doc["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["id"] == feature["id"]
    rapallo = next(f for f in doc["features"] if f["id"] == "rapallo-1922")
    assert rapallo["geometry"]["coordinates"] == [9.23, 44.35]
    assert rapallo["properties"]["title"].startswith("Treaty of Rapallo")


def test_csv_round_trips_through_a_reader(mini):
    rows = list(csv.DictReader(io.StringIO(to_csv(mini))))
    assert len(rows) == len(mini.events)
    row = next(r for r in rows if r["id"] == "rapallo-1922")
    assert row["parties"] == "Germany; Soviet Russia"
    assert "Walther Rathenau (Foreign Minister)" in row["signatories"]
    assert row["summary"] == "Renounced claims and <b>restored</b> relations."
    assert "reaffirmed by berlin-1926" in row["links"]
    italy = next(r for r in rows if r["id"] == "rapallo-1920")
    assert italy["parties"] == "Italy; Kingdom of Serbs, Croats and Slovenes"


def test_export_command_writes_files_and_stdout(tmp_path, mini_path):
    out = tmp_path / "events.geojson"
    run = subprocess.run([sys.executable, "-m", "explorer", "export-data", "--data", str(mini_path),
                          "--format", "geojson", "--out", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert json.loads(out.read_text())["type"] == "FeatureCollection"
    assert [p.name for p in tmp_path.iterdir()] == ["events.geojson"]   # no temporary file left behind
    run = subprocess.run([sys.executable, "-m", "explorer", "export-data", "--data", str(mini_path)],
                         capture_output=True, text=True)
    assert json.loads(run.stdout)["title"] == "Mini test dataset"


def test_export_command_reports_unwritable_path(tmp_path, mini_path):
    run = subprocess.run([sys.executable, "-m", "explorer", "export-data", "--data", str(mini_path),
                          "--out", str(tmp_path / "missing-dir" / "x.json")], capture_output=True, text=True)
    assert run.returncode == 2
    assert "cannot write" in run.stderr and "Traceback" not in run.stderr
