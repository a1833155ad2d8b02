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
                                "lon": 9.23, "country": "Italy", "translations": {}}
    assert {"name": "Walther Rathenau", "office": "Foreign Minister", "party": None,
            "translations": {}} in rapallo["signatories"]
    assert {"event": "berlin-1926", "relation": "reaffirms", "label": "reaffirmed by", "direction": "incoming",
            "note": "Built on Rapallo.", "translations": {}} in rapallo["links"]
    assert rapallo["translations"] == {"de": {"title": "Vertrag von Rapallo", "summary": "Verzicht auf Ansprüche."}}
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


def test_the_json_export_carries_every_translation_of_the_shipped_dataset():
    """Issue 15: other tools get the German too, under the same field names as the English."""
    import json

    from explorer.model.loader import load_dataset
    from explorer.resources import DEFAULT_DATASET

    dataset = load_dataset(DEFAULT_DATASET)
    doc = json.loads(to_json(dataset))
    assert doc["translations"]["de"]["title"] == dataset.text("title", "de")
    raw = json.loads(DEFAULT_DATASET.read_text(encoding="utf-8"))
    raw_events = {e["id"]: e for e in raw["events"]}
    for record in doc["events"]:
        source = raw_events[record["id"]]
        assert record["translations"] == source.get("translations", {}), record["id"]
        german = record["translations"]["de"]
        for field in ("title", "summary", "key_points", "significance", "date_note", "display_date", "place_state"):
            if source.get(field):
                assert german.get(field), (record["id"], field)
        for person in record["signatories"]:
            if person["office"]:
                assert person["translations"]["de"]["office"], (record["id"], person["name"])
        for link in record["links"]:
            assert link["translations"]["de"]["note"], (record["id"], link["event"])
        if record["place"]:
            assert record["place"]["translations"]["de"]["name"], record["id"]
    assert all(p["translations"]["de"]["name"] for p in doc["parties"])
