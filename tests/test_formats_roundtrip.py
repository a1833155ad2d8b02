"""Edit where you like and come back: our spreadsheet (XLSX and CSV) opens again with nothing lost, and the
exports for other tools are what those tools expect."""

import json
from pathlib import Path

import pytest

from explorer.formats import exports, open_document
from explorer.formats.opener import read
from explorer.formats.workbook import csv_paths, to_csv_files, to_xlsx
from explorer.resources import DEFAULT_DATASET

DATA = Path(__file__).parent / "data" / "formats"
FULL = DATA / "full_format.json"


def differences(a, b, path="") -> list[str]:
    """Every place where two JSON values differ (types too: 20.0 is not 20)."""
    if type(a) is not type(b):
        return [f"{path}: {a!r} != {b!r}"]
    if isinstance(a, dict):
        return [d for k in sorted(set(a) | set(b)) for d in differences(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items != {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def write_sheets(doc, fmt, tmp_path) -> Path:
    if fmt == "xlsx":
        path = tmp_path / "dataset.xlsx"
        path.write_bytes(to_xlsx(doc))
        return path
    path = tmp_path / "dataset.csv"
    for target, data in to_csv_files(doc, path).items():
        target.write_bytes(data)
    return path


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("source", [DEFAULT_DATASET, FULL], ids=["shipped", "every-field"])
def test_sheets_round_trip_every_field(source, fmt, tmp_path):
    doc = json.loads(source.read_text(encoding="utf-8"))
    path = write_sheets(doc, fmt, tmp_path)
    opened = read(path)
    assert opened.report.problems == []
    assert differences(doc, opened.conversion.doc) == []


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_shipped_dataset_reopens_through_the_loader(fmt, tmp_path):
    path = write_sheets(json.loads(DEFAULT_DATASET.read_text(encoding="utf-8")), fmt, tmp_path)
    dataset, doc, report = open_document(path)
    assert report.ok, report.problem_lines()
    shipped, _, _ = open_document(DEFAULT_DATASET)
    assert [e.id for e in dataset.events] == [e.id for e in shipped.events]
    assert dataset.events == shipped.events and dataset.places == shipped.places and dataset.links == shipped.links
    assert [e.translations for e in dataset.events] == [e.translations for e in shipped.events]


def test_workbook_layout_a_curator_sees(tmp_path):
    import openpyxl

    doc = json.loads(FULL.read_text(encoding="utf-8"))
    book = openpyxl.load_workbook(write_sheets(doc, "xlsx", tmp_path))
    assert book.sheetnames == ["Events", "Places", "Links", "Sources", "Signatories", "Media", "Parties", "Eras",
                               "Dataset"]
    events = book["Events"]
    header = [c.value for c in events[1]]
    assert header[:4] == ["ID", "Title", "Kind", "Date"] and "Title (de)" in header and "Key points (de)" in header
    row = {h: c.value for h, c in zip(header, events[2])}
    assert row["Parties"] == "Germany\nSoviet Russia" and row["Date"] == "1922-04-16"
    assert row["Summary"].endswith("=1+1.") and events.cell(2, header.index("Summary") + 1).data_type == "s"
    assert [c.value for c in book["Sources"][2]] == ["rapallo-1922", "Carole Fink, The Genoa Conference (1984)", None,
                                                   "Sources differ on the hour."]


def test_csv_sheets_are_files_beside_the_events_file(tmp_path):
    paths = csv_paths(tmp_path / "interwar.csv")
    assert paths["Events"].name == "interwar.csv" and paths["Places"].name == "interwar.places.csv"
    assert sorted(p.name for p in paths.values()) == sorted(
        ["interwar.csv", "interwar.places.csv", "interwar.links.csv", "interwar.sources.csv",
         "interwar.signatories.csv", "interwar.media.csv", "interwar.parties.csv", "interwar.eras.csv",
         "interwar.dataset.csv"])


def test_a_curator_adds_a_row_with_a_town_name(tmp_path):
    """A new event on the Events sheet whose Place is a town the Places sheet lacks is placed offline."""
    import openpyxl

    shipped = json.loads(DEFAULT_DATASET.read_text(encoding="utf-8"))
    path = write_sheets(shipped, "xlsx", tmp_path)
    book = openpyxl.load_workbook(path)
    events = book["Events"]
    row = len(shipped["events"]) + 2                   # below the header and every shipped event
    header = [c.value for c in events[1]]
    new = {"ID": "stresa-1935", "Title": "Stresa Front", "Kind": "conference", "Date": "1935-04-14",
           "Place": "Stresa", "Parties": "United Kingdom\nFrance\nItaly", "Summary": "Against German rearmament."}
    events.append([new.get(h) for h in header])
    book["Sources"].append(["stresa-1935", "Zara Steiner, The Triumph of the Dark (2011)"])
    book.save(path)
    dataset, doc, report = open_document(path)
    assert report.ok, report.problem_lines()
    assert dataset.has_event("stresa-1935")
    place = next(p for p in doc["places"] if p["id"] == dataset.event("stresa-1935").place_id)
    assert (place["name"], place["country"]) == ("Stresa", "Italy")
    assert any(f"row {row}, field 'Place': info: Stresa → Stresa, Italy" in line for line in report.problem_lines())


def test_bad_rows_in_our_sheets_are_named_by_sheet_and_row(tmp_path):
    import openpyxl

    shipped = json.loads(DEFAULT_DATASET.read_text(encoding="utf-8"))
    path = write_sheets(shipped, "xlsx", tmp_path)
    book = openpyxl.load_workbook(path)
    book["Events"]["D3"] = "1922-02-30"           # row 3 is the second event
    book["Places"]["D2"] = "north"                # a latitude that is not a number
    book["Sources"].append(["no-such-event", "A citation"])
    book.save(path)
    dataset, _doc, report = open_document(path)
    lines = report.problem_lines()
    assert any(line.startswith(f"{path}: sheet 'Events', row 3, field 'Date': ") and "February 1922 has 28 days"
               in line for line in lines), lines
    assert any("sheet 'Places', row 2, field 'Latitude'" in line for line in lines), lines
    assert any("sheet 'Sources'" in line and "no event 'no-such-event'" in line for line in lines), lines
    assert dataset is not None and len(dataset.events) == len(shipped["events"]) - 1     # the rest opened


# --- exports for other tools ---------------------------------------------------------------------------
@pytest.fixture(params=[DEFAULT_DATASET, FULL], ids=["shipped", "every-field"])
def doc(request):
    return json.loads(request.param.read_text(encoding="utf-8"))


def test_timelinejs_export_matches_the_documented_structure(doc):
    out = exports.to_timelinejs(doc)
    assert exports.timelinejs_problems(out) == []
    assert len(out["events"]) == len(doc["events"])
    assert out["title"]["text"]["headline"]
    slide = out["events"][0]
    assert set(slide["start_date"]) <= {"year", "month", "day"}


def test_timelinejs_export_dates_and_text():
    out = exports.to_timelinejs(json.loads(FULL.read_text(encoding="utf-8")))
    slides = {s["unique_id"]: s for s in out["events"]}
    assert slides["rapallo-1922"]["start_date"] == {"year": 1922, "month": 4, "day": 16}
    assert slides["rapallo-1922"]["display_date"] == "Easter Sunday, 16 April 1922"
    assert slides["rapallo-1922"]["group"] == "Treaty"
    assert slides["rapallo-1922"]["media"] == {"url": "https://example.org/rapallo.jpg", "caption": "The signing",
                                               "credit": "Bundesarchiv"}
    text = slides["rapallo-1922"]["text"]["text"]
    assert "<p>Germany and Soviet Russia renounced claims.</p>" in text and "&quot;quotes&quot;" in text
    assert '<a href="https://avalon.law.yale.edu/">Treaty text</a>' in text and "<li>Claims renounced.</li>" in text
    lipetsk = slides["lipetsk-1925"]
    assert lipetsk["start_date"] == {"year": 1925} and lipetsk["display_date"] == "about 1925"
    assert lipetsk["end_date"] == {"year": 1933, "month": 9}
    munich = slides["munich-1938"]
    assert munich["start_date"]["day"] == 29 and munich["end_date"]["day"] == 30
    assert slides["brest-litovsk-1918"]["display_date"] == "3 March 1918 or 4 March 1918"
    assert out["eras"] == [{"start_date": {"year": 1919, "month": 8, "day": 11},
                            "end_date": {"year": 1933, "month": 1, "day": 30}, "text": {"headline": "Weimar Republic"}}]


def test_timelinejs_checker_catches_what_timelinejs_rejects():
    bad = {"events": [{"start_date": {"year": 1922, "month": 2, "day": 30}, "unique_id": "a"},
                      {"start_date": {"month": 4}, "unique_id": "a", "colour": "red"}], "scale": "geological"}
    problems = exports.timelinejs_problems(bad)
    assert any("scale" in p for p in problems)
    assert any("'year' is a required property" in p for p in problems)
    assert any("colour" in p for p in problems)
    assert any("'a' is used twice" in p for p in problems)
    assert any("not a calendar date" in p for p in problems)


def test_timelinejs_export_reads_back():
    doc = json.loads(FULL.read_text(encoding="utf-8"))
    from explorer.formats import timelinejs
    from explorer.formats.report import ImportReport

    back = timelinejs.convert(exports.to_timelinejs(doc), "x.json", ImportReport("x.json")).doc
    events = {e["id"]: e for e in back["events"]}
    assert set(events) == {e["id"] for e in doc["events"]}
    assert events["rapallo-1922"]["title"] == "Treaty of Rapallo" and events["rapallo-1922"]["kind"] == "treaty"
    assert events["rapallo-1922"]["summary"].startswith("Germany and Soviet Russia renounced claims.\n\n")
    assert {"citation": "Treaty text", "url": "https://avalon.law.yale.edu/"} in events["rapallo-1922"]["sources"]


def test_kml_opens_in_fastkml_with_times(doc):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # fastkml notes that lxml is not installed
        from fastkml import kml

    root = kml.KML.from_string(exports.to_kml(doc).encode("utf-8"))
    document = list(root.features)[0]
    assert document.name == doc["dataset"]["title"]
    folders = {f.name: list(f.features) for f in document.features}
    placed = [e for e in doc["events"] if e.get("place")]
    assert len(folders["Events"]) == len(placed)
    by_name = {p.name: p for p in folders["Events"]}
    for event in placed:
        mark = by_name[event["title"]]
        assert mark.times is not None, event["id"]
        assert mark.geometry.coords[0][:2] == tuple(
            next((p["lon"], p["lat"]) for p in doc["places"] if p["id"] == event["place"]))
    assert folders["Links"], "links are lines between the places"


def test_kml_times_and_escaping():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastkml import kml

    doc = json.loads(FULL.read_text(encoding="utf-8"))
    doc["events"][0]["summary"] = "<script>alert(1)</script> & more"
    text = exports.to_kml(doc)
    assert "<script>" not in text and "&amp;lt;script&amp;gt;" in text    # shown as text, even by Google Earth
    root = kml.KML.from_string(text.encode("utf-8"))
    marks = {p.name: p for f in list(root.features)[0].features for p in f.features}
    rapallo = marks["Treaty of Rapallo"]
    assert "1922-04-16" in str(rapallo.times)
    munich = marks["Munich Agreement"]
    assert "1938-09-29" in str(munich.times) and "1938-09-30" in str(munich.times)   # an interval is a TimeSpan


def test_geojson_export_has_links_as_lines_and_reads_back(doc, tmp_path):
    out = exports.to_geojson(doc)
    assert out["type"] == "FeatureCollection"
    events = [f for f in out["features"] if f["properties"].get("feature") != "link"]
    lines = [f for f in out["features"] if f["properties"].get("feature") == "link"]
    assert len(events) == len(doc["events"]) and len(lines) == len(doc.get("links", []))
    assert all(f["geometry"] is None or len(f["geometry"]["coordinates"]) == 2 for f in lines)
    assert any(f["geometry"] and f["geometry"]["type"] == "LineString" for f in lines)
    path = tmp_path / "export.geojson"
    path.write_text(json.dumps(out), encoding="utf-8")
    back = read(path).conversion.doc
    assert [e["id"] for e in back["events"]] == [e["id"] for e in doc["events"]]
    assert [(l["from"], l["to"], l["relation"]) for l in back.get("links", [])] == \
        [(l["from"], l["to"], l["relation"]) for l in doc.get("links", [])]
    first = next(e for e in back["events"] if e["id"] == doc["events"][0]["id"])
    assert first["summary"] == doc["events"][0]["summary"] and first["sources"] == doc["events"][0]["sources"]


def test_workbooks_are_parsed_with_defusedxml():
    """openpyxl guards against XML entity bombs only when defusedxml is installed (it is a dependency)."""
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML


def test_the_sheets_have_a_column_for_every_field_the_loader_knows():
    """When the format grows a field, this fails until the spreadsheet can carry it (else it would be lost)."""
    from explorer.model import rules
    from explorer.model.rule_structures import Translations
    from explorer.formats import workbook_spec as spec

    sheets = {rules.EVENT: spec.EVENTS, rules.PLACE: spec.PLACES, rules.LINK: spec.LINKS, rules.PARTY: spec.PARTIES,
              rules.ERA: spec.ERAS, rules.SOURCE: spec.SOURCES, rules.SIGNATORY: spec.SIGNATORIES,
              rules.MEDIA: spec.MEDIA}
    children = {s.parent_field for s in spec.CHILDREN}
    for obj, sheet in sheets.items():
        keys = {c.key for c in sheet.columns}
        for name, field in obj.fields.items():
            if isinstance(field.rule, Translations):
                assert set(field.rule.names) <= keys, (sheet.name, field.rule.names)   # "Title (de)" columns
            elif name not in children:
                assert name in keys, (sheet.name, name)
    dataset_keys = {c.key.split(".")[0] for c in spec.DATASET.columns}
    assert set(rules.DATASET.fields) - {"eras", "translations"} <= dataset_keys
    assert set(rules.DEFAULT_VIEW.fields) == {c.key.split(".")[1] for c in spec.DATASET.columns
                                              if c.key.startswith("default_view.")}
    assert set(rules.DOCUMENT.fields) <= {"$schema", "format", "dataset", "places", "events", "links", "parties"}
    assert {"format", "$schema"} <= dataset_keys


def test_timelinejs_export_escapes_our_text():
    """TimelineJS renders its texts as HTML: our plain text goes out escaped, so it shows as text there too."""
    doc = json.loads(FULL.read_text(encoding="utf-8"))
    payload = '<script>alert(1)</script><img src=x onerror=alert(1)> {{ 6*7 }}'
    event = doc["events"][0]
    event["title"] = event["summary"] = event["significance"] = payload
    event["key_points"] = [payload]
    event["sources"] = [{"citation": payload, "url": 'https://example.org/"><script>'}]
    event["media"] = [{"url": "https://example.org/x.jpg", "caption": payload, "credit": payload}]
    doc["dataset"]["title"] = payload
    text = json.dumps(exports.to_timelinejs(doc))
    assert "<script" not in text and "<img" not in text and "&lt;script&gt;" in text
    assert 'href=\\"https://example.org/&quot;&gt;&lt;script&gt;\\"' in text
