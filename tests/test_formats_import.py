"""Each format opens: a small realistic file of each (accents, partial dates, HTML, missing places, bad rows),
checked for its events, dates, places, links and messages."""

import json
from pathlib import Path

import openpyxl
import pytest

from explorer.formats.opener import read
from tests.test_formats_text import PAYLOADS, assert_inert

DATA = Path(__file__).parent / "data" / "formats"


def convert(path):
    """The converted document (not yet checked) and the report of reading it."""
    opened = read(path)
    assert opened.conversion is not None, opened.report.problem_lines()
    return opened.conversion.doc, opened.report


def by_title(doc):
    return {e["title"]: e for e in doc["events"]}


def messages(report, severity=None):
    return [str(p) for p in report.problems if severity in (None, p.severity)]


def sheet_as_xlsx(csv_path: Path, out: Path, sheet_name="od6") -> Path:
    """The same TimelineJS sheet as Google Sheets downloads it as XLSX (numbers as numbers)."""
    import csv

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet_name
    with open(csv_path, encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.reader(f)):
            ws.append([int(v) if i and v.isdigit() else (v or None) for v in row])
    book.save(out)
    return out


# --- the TimelineJS sheet ------------------------------------------------------------------------------
@pytest.fixture(params=["csv", "xlsx"])
def timeline_sheet(request, tmp_path):
    path = DATA / "timeline.csv"
    return path if request.param == "csv" else sheet_as_xlsx(path, tmp_path / "timeline.xlsx")


def test_timelinejs_sheet_events_dates_and_text(timeline_sheet):
    doc, report = convert(timeline_sheet)
    assert report.format == f"TimelineJS sheet ({timeline_sheet.suffix[1:].upper()})"
    assert doc["dataset"]["title"] == "Rapallo und danach: Deutschland & die Sowjetunion"    # the title row
    assert doc["dataset"]["description"] == "Ein Überblick für die Ausstellung.\n\nZweiter Absatz."
    assert doc["dataset"]["eras"] == [{"name": "Weimarer Republik", "start": "1919-08-11", "end": "1933-01-30"}]
    events = by_title(doc)
    assert "Rapallo und danach: Deutschland & die Sowjetunion" not in events and "Weimarer Republik" not in events
    rapallo = events["Treaty of Rapallo"]
    assert (rapallo["date"], rapallo["kind"], rapallo["id"]) == ("1922-04-16", "treaty", "treaty-of-rapallo-1922")
    assert rapallo["summary"] == ("Signed at the Hotel Imperiale near Rapallo by Rathenau and Chicherin.\n\n"
                                  "Both sides renounced claims.")
    assert rapallo["sources"] == [{"citation": "Rathenau",
                                   "url": "https://de.wikipedia.org/wiki/Vertrag_von_Rapallo_(1922)"}]
    assert rapallo["media"] == [{"url": "https://commons.wikimedia.org/wiki/File:Rapallo_1922.jpg",
                                 "caption": "Die Delegationen in Rapallo", "credit": "Bundesarchiv"}]
    lipetsk = events["Lipetsk fighter-pilot school"]
    assert (lipetsk["date"], lipetsk["end_date"], lipetsk["kind"]) == ("1925", "1933", "military")   # a year stays a year
    assert events["Trade talks in Geneva"]["date"] == "1939-08"
    assert events["Trade talks in Geneva"]["tags"] == ["Talks"] and events["Trade talks in Geneva"]["kind"] == "event"
    locarno = events["Verträge von Locarno"]
    assert (locarno["date"], locarno["display_date"]) == ("1925~", "Oktober 1925")
    assert locarno["summary"] == "Westgrenzen garantiert; Österreich, Ungarn und Polen betroffen."
    assert lipetsk["sources"] == [{"citation": f"TimelineJS sheet ({timeline_sheet.suffix[1:].upper()}) "
                                               f"{timeline_sheet.name}, row 5"}]


def test_timelinejs_sheet_places(timeline_sheet):
    doc, report = convert(timeline_sheet)
    places = {p["id"]: p for p in doc["places"]}
    events = by_title(doc)
    assert places[events["Treaty of Rapallo"]["place"]] == {"id": "rapallo", "name": "Rapallo", "lat": 44.3496,
                                                            "lon": 9.22796, "country": "Italy"}
    berlin = places[events["Treaty of Berlin"]["place"]]
    assert (berlin["name"], berlin["lat"], berlin["lon"]) == ("Berlin", 52.52, 13.405)   # given coordinates kept
    assert places[events["Trade talks in Geneva"]["place"]]["country"] == "Switzerland"
    assert "place" not in events["Event with no place"]
    assert "place" not in events["Conference at Atlantis-on-Sea"]
    notes = messages(report, "info")
    sheet = "sheet 'od6', " if timeline_sheet.suffix == ".xlsx" else ""
    assert f"{timeline_sheet}: {sheet}row 4, field 'Place': info: Rapallo → Rapallo, Italy (44.35, 9.23)" in notes
    assert any("row 7" in n and "Geneva → Geneva, Switzerland" in n and "other matches" in n for n in notes)
    warnings = messages(report, "warning")
    assert any("row 12, field 'Place'" in w and "Atlantis-on-Sea: no town of that name" in w for w in warnings)
    assert any("row 12, field 'Media'" in w and "javascript:alert(1)" in w for w in warnings)
    assert "GeoNames" in " ".join(report.credits)
    assert any("GeoNames" in c for c in doc["dataset"]["credits"])


def test_timelinejs_sheet_bad_rows_are_left_to_the_loader(timeline_sheet):
    doc, _ = convert(timeline_sheet)
    events = by_title(doc)
    assert events["Impossible date"]["date"] == "1922-02-30"     # the loader says what is wrong, at row 9
    assert "date" not in events["Undated note"]


def test_a_csv_with_semicolons_and_windows_encoding_opens(tmp_path):
    text = (DATA / "timeline.csv").read_text(encoding="utf-8").replace(",", ";").replace("–", "-")
    path = tmp_path / "excel.csv"
    path.write_bytes(text.encode("cp1252", errors="replace"))
    doc, report = convert(path)
    assert report.format == "TimelineJS sheet (CSV)"
    assert "Verträge von Locarno" in by_title(doc)


# --- TimelineJS JSON -----------------------------------------------------------------------------------
def test_timelinejs_json():
    doc, report = convert(DATA / "timeline.json")
    assert report.format == "TimelineJS JSON"
    assert doc["dataset"]["title"] == "Interwar diplomacy"
    assert doc["dataset"]["eras"] == [{"name": "Weimar Republic", "start": "1919", "end": "1933"}]
    events = by_title(doc)
    rapallo = events["Treaty of Rapallo"]
    assert (rapallo["id"], rapallo["date"], rapallo["kind"]) == ("rapallo-1922", "1922-04-16", "treaty")
    assert rapallo["summary"] == "Germany and Soviet Russia restored relations.\n\nSee the text."
    assert rapallo["sources"] == [{"citation": "the text", "url": "https://avalon.law.yale.edu/"}]
    assert rapallo["media"] == [{"url": "https://example.org/rapallo.jpg", "caption": "The signing",
                                 "credit": "Bundesarchiv"}]
    lipetsk = events["Lipetsk"]
    assert (lipetsk["id"], lipetsk["date"], lipetsk["end_date"], lipetsk["display_date"]) == \
        ("lipetsk-school", "1925", "1933", "1925–1933")
    munich = events["Munich Agreement"]
    assert (munich["date"], munich["end_date"], munich["summary"]) == ("1938-09-29", "1938-09-30",
                                                                       "Signed after midnight.")
    assert events["Août 1939 — négociations"]["date"] == "1939-08"
    assert "date" not in events["No date at all"]
    assert doc["places"] == [] and all("place" not in e for e in doc["events"])
    lines = messages(report)
    assert any("events[2], field 'text.text': warning: markup left out" in line and "<script>" in line for line in lines)
    assert any("events[2]: info: the time of day is not kept" in line for line in lines)
    assert any("TimelineJS has no places" in line for line in lines)


# --- StoryMapJS ----------------------------------------------------------------------------------------
def test_storymap_overview_is_the_title_and_slides_are_events():
    doc, report = convert(DATA / "storymap.json")
    assert report.format == "StoryMapJS JSON"
    assert doc["dataset"]["title"] == "Rapallo to Locarno"
    assert doc["dataset"]["description"] == "A story map of two treaties."
    events = by_title(doc)
    assert list(events) == ["Rapallo", "Lipetsk", "An unreadable date", "Locarno conference"]
    places = {p["id"]: p for p in doc["places"]}
    rapallo = events["Rapallo"]
    assert rapallo["date"] == "1922-04-16" and places[rapallo["place"]]["name"] == "Rapallo"    # nearest town
    assert rapallo["media"][0]["caption"] == "Hôtel Impérial"
    assert events["Lipetsk"]["date"] == "1925~" and places[events["Lipetsk"]["place"]]["name"] == "Lipezk"
    unreadable = events["An unreadable date"]
    assert unreadable["date"] == unreadable["display_date"] == "Spring 1926"   # the loader reports the date
    assert events["Locarno conference"]["date"] == "1925-10-05/1925-10-16"
    assert "place" not in events["Locarno conference"]
    assert any("storymap.slides[1]: info: unnamed place at 44.35, 9.23 named after the nearest town, Rapallo" in m
               for m in messages(report))


# --- GeoJSON and Linked Places -------------------------------------------------------------------------
def test_geojson_with_time_properties():
    doc, report = convert(DATA / "events.geojson")
    assert report.format == "GeoJSON"
    events = by_title(doc)
    assert set(events) == {"Treaty of Rapallo", "Berlin treaty", "Impossible", "Nowhere in particular"}
    assert events["Treaty of Rapallo"]["summary"] == "Signed in Rapallo."
    assert (events["Berlin treaty"]["date"], events["Berlin treaty"]["end_date"]) == ("1926-04-24", "1926-06-29")
    assert events["Nowhere in particular"]["date"] == "1927" and "place" not in events["Nowhere in particular"]
    places = {p["id"]: p for p in doc["places"]}
    assert (places["rapallo"]["lat"], places["rapallo"]["lon"]) == (44.35, 9.23)
    berlin = places[events["Berlin treaty"]["place"]]
    assert (berlin["lat"], berlin["lon"]) == (52.4, 13.4)     # the mean of the polygon's corners
    lines = messages(report)
    assert any("features[2]: no time" in m for m in lines)
    assert any("features[1], field 'geometry': info: a Polygon is placed at the mean" in m for m in lines)


def test_linked_places_timespans_become_edtf():
    doc, report = convert(DATA / "places.lpf.json")
    assert report.format == "Linked Places (LPF) GeoJSON"
    events = by_title(doc)
    brest = events["Brest-Litovsk"]
    assert brest["date"] == "[1918-03-01..1918-03-03]"      # earliest/latest: one of these days
    assert brest["end_date"] == "1918-11-13" and brest["display_date"] == "spring to autumn 1918"
    assert brest["summary"] == "Where the peace of the East was signed."
    assert brest["media"] == [{"url": "https://example.org/brest.jpg", "caption": "Signing hall", "credit": "CC0"}]
    places = {p["id"]: p for p in doc["places"]}
    assert places[brest["place"]]["country"] == "Belarus"     # from ccodes
    assert places[brest["place"]]["translations"] == {"de": {"name": "Brest-Litowsk"}}   # LPF names
    genoa = events["Genoa"]
    assert (genoa["date"], genoa["end_date"]) == ("1922-04-10", "1922-07")
    assert events["Spa"]["date"] == "1920-07-16"
    assert any("2 timespans" in m for m in messages(report))


# --- every text field, every format: nothing from a file stays markup -----------------------------------
def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _poison_json(obj):
    """Every string in a JSON document with every payload appended (URLs too)."""
    if isinstance(obj, str):
        return obj + " " + " ".join(PAYLOADS) if obj else obj
    if isinstance(obj, dict):
        return {k: (_poison_json(v) if k not in ("type", "@context") else v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_poison_json(v) for v in obj]
    return obj


@pytest.mark.parametrize("name", ["timeline.json", "storymap.json", "events.geojson", "places.lpf.json"])
def test_payloads_in_every_json_field_come_out_inert(name, tmp_path):
    path = tmp_path / name
    path.write_text(json.dumps(_poison_json(json.loads((DATA / name).read_text(encoding="utf-8")))), encoding="utf-8")
    doc, _ = convert(path)
    assert doc["events"]
    for text in _strings(doc):
        assert_inert(text)
    for event in doc["events"]:
        for item in event.get("sources", []) + event.get("media", []):
            assert item.get("url") is None or item["url"].startswith(("http://", "https://"))


def test_payloads_in_every_sheet_cell_come_out_inert(tmp_path):
    import csv
    import io

    rows = list(csv.reader(io.StringIO((DATA / "timeline.csv").read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    text_columns = {"Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption", "Group", "Place",
                    "Media Thumbnail", "Background"}
    poisoned = [[v + " " + " ".join(PAYLOADS) if h in text_columns and v else v for h, v in zip(header, row)]
                for row in body]
    out = io.StringIO()
    csv.writer(out).writerows([header] + poisoned)
    path = tmp_path / "poisoned.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    doc, _ = convert(path)
    assert len(doc["events"]) >= 5
    for text in _strings(doc):
        assert_inert(text)


# --- through the loader: every rule checked once, problems at the source's row or line, the rest opens ---
def test_sheet_opens_without_its_bad_rows(timeline_sheet):
    from explorer.formats import open_dataset

    dataset, report = open_dataset(timeline_sheet)
    assert dataset is not None and report.opened and not report.ok
    assert report.counts == {"events": 7, "places": 6, "links": 0}
    errors = [str(p) for p in report.errors]
    sheet = "sheet 'od6', " if timeline_sheet.suffix == ".xlsx" else ""
    assert errors == [f"{timeline_sheet}: {sheet}row 9, field 'Year': '1922-02-30' is impossible: February 1922 "
                      "has 28 days",
                      f"{timeline_sheet}: {sheet}row 10, field 'Year': missing required field"]
    ids = {e.id for e in dataset.events}
    assert {"treaty-of-rapallo-1922", "vertrage-von-locarno-1925", "event-with-no-place-1927"} <= ids
    assert dataset.event("event-with-no-place-1927").place_id is None     # on the timeline, not the map
    assert dataset.event("treaty-of-rapallo-1922").place_id == "rapallo"
    assert dataset.title == "Rapallo und danach: Deutschland & die Sowjetunion"


@pytest.mark.parametrize("name, errors, count", [
    ("timeline.json", ["timeline.json:14: events[3], field 'start_date': missing required field"], 4),
    ("storymap.json", ["storymap.json:13: storymap.slides[3], field 'date': 'Spring 1926' is not a date"], 3),
    ("events.geojson", ["events.geojson: features[2]: no time", "events.geojson:11: features[3], field "
                        "'properties.date': '1922-13-01' has no month 13"], 3),
    ("places.lpf.json", [], 3),
])
def test_json_formats_open_with_problems_at_their_line(name, errors, count):
    from explorer.formats import open_dataset

    dataset, report = open_dataset(DATA / name)
    assert dataset is not None and len(dataset.events) == count
    got = [str(p) for p in report.errors]
    assert len(got) == len(errors), got
    for line, expected in zip(got, errors):
        assert line.startswith(str(DATA / expected.split(":", 1)[0])) and expected.split(" ", 1)[0] in line
        assert expected.split(": ", 1)[1] in line, (line, expected)


def test_uncertain_dates_reach_the_model():
    from explorer.formats import open_dataset

    dataset, _ = open_dataset(DATA / "places.lpf.json")
    brest = next(e for e in dataset.events if e.title == "Brest-Litovsk")
    assert (brest.start.isoformat(), brest.last.isoformat()) == ("1918-03-01", "1918-11-13")
    dataset, _ = open_dataset(DATA / "storymap.json")
    locarno = dataset.event("locarno-conference-1925")
    assert (locarno.start.isoformat(), locarno.last.isoformat()) == ("1925-10-05", "1925-10-16")


def test_our_own_format_is_strict_unless_asked_to_open_the_rest():
    """The CLI opens nothing of a broken file in our format (validate says what to fix); a GUI asking with
    partial=True gets the rest and the same problems, for its dialog."""
    from explorer.formats import open_dataset

    broken = Path(__file__).parent / "data" / "broken" / "unknown_place.json"
    dataset, report = open_dataset(broken)
    assert dataset is None and not report.opened
    (problem,) = report.errors
    assert problem.field == "place" and problem.line and "unknown place 'atlantis'" in problem.message
    dataset, report = open_dataset(broken, partial=True)
    assert dataset is not None and report.opened and [str(p) for p in report.errors] == [str(problem)]
    assert not dataset.has_event("genoa-1922") and dataset.has_event("rapallo-1922")


def test_a_thousand_row_sheet_opens(tmp_path):
    import csv

    from explorer.formats import open_dataset
    from explorer.formats.timelinejs_sheet import COLUMNS

    path = tmp_path / "big.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(list(COLUMNS) + ["Place", "Latitude", "Longitude"])
        for i in range(1000):
            row = dict.fromkeys(COLUMNS, "")
            row.update(Year=1900 + i % 100, Month=1 + i % 12, Headline=f"Événement {i}", Text=f"<p>Text {i}</p>")
            writer.writerow([row[c] for c in COLUMNS] + ["", 40 + i % 20, i % 30])
    dataset, report = open_dataset(path)
    assert report.ok and len(dataset.events) == 1000
    assert len({e.id for e in dataset.events}) == 1000
    assert dataset.event("evenement-0-1900").title == "Événement 0"


def test_load_or_report_opens_any_format(capsys):
    from explorer.formats.startup import load_or_report

    dataset = load_or_report(DATA / "timeline.csv")
    err = capsys.readouterr().err
    assert dataset is not None and len(dataset.events) == 7
    assert "row 9, field 'Year'" in err and "opened without them" in err


@pytest.mark.parametrize("name", ["timeline.json", "storymap.json", "events.geojson", "places.lpf.json"])
def test_wrong_types_anywhere_are_reported_not_raised(name, tmp_path):
    """Seeded random damage (a value of the wrong type anywhere): the import reports, it never fails inside."""
    import random

    from explorer.formats import open_dataset

    rng = random.Random(name)
    junk = [None, 1, -5, 1.5, True, "", "x", [], {}, [1, 2], {"a": 1}, "<script>", 1e308, "1922-99-99", [[[]]]]

    def damage(value):
        if rng.random() < 0.15:
            return rng.choice(junk)
        if isinstance(value, dict):
            return {k: damage(v) for k, v in value.items()}
        if isinstance(value, list):
            return [damage(v) for v in value]
        return value

    original = json.loads((DATA / name).read_text(encoding="utf-8"))
    for i in range(60):
        path = tmp_path / f"{i}-{name}"
        path.write_text(json.dumps(damage(original)), encoding="utf-8")
        _, report = open_dataset(path)
        assert not [p for p in report.problems if "bug" in p.message], report.problem_lines()


def test_the_example_sheet_in_the_docs_opens_cleanly():
    from explorer.formats import open_dataset

    path = Path(__file__).parents[1] / "docs" / "examples" / "timelinejs-sheet.csv"
    dataset, report = open_dataset(path)
    assert report.ok and not report.warnings, report.problem_lines()
    rapallo = dataset.event("treaty-of-rapallo-1922")
    assert rapallo.parties == ("Germany", "Soviet Russia")         # the extra Parties column
    assert dataset.places[rapallo.place_id].country == "Italy"
    assert [e.name for e in dataset.eras] == ["Weimar Republic"]
