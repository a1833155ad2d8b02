"""The pieces every importer shares: HTML made plain, written dates made EDTF, places resolved offline,
problems worded like validation."""

import datetime as dt
import re

import pytest

from explorer.formats import edtf
from explorer.formats.html_text import html_to_text
from explorer.formats.places import Gazetteer, fold
from explorer.formats.report import ImportProblem, ImportReport

PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>',
            "{{ 6*7 }}", "</script>", "<iframe src=\"https://evil.example/\"></iframe>", "<style>*{}</style>",
            "<svg onload=alert(1)></svg>", "<!-- <script>alert(1)</script> -->", "<scr<script>ipt>alert(1)</script>"]


def assert_inert(text: str) -> None:
    """Nothing in ``text`` that a browser would act on: no tag, comment or ``javascript:`` link is left (words
    such as "onerror" may remain, as text), and template syntax was never evaluated."""
    assert not re.search(r"<\s*/?\s*[a-zA-Z!?]", text), text
    assert "javascript:" not in text.lower(), text
    assert "42" not in text.replace("{{ 6*7 }}", ""), text


def test_paragraphs_links_and_emphasis_keep_their_meaning():
    plain = html_to_text('<p>Signed at the Hotel <em>Imperiale</em> by <a href="https://example.org/r">Rathenau'
                         '</a> &amp; Chicherin.</p><p>Second<br>line</p><ul><li>one</li><li>two</li></ul>')
    assert plain.text == "Signed at the Hotel Imperiale by Rathenau & Chicherin.\n\nSecond\nline\n\n• one\n• two"
    assert [(link.text, link.url) for link in plain.links] == [("Rathenau", "https://example.org/r")]


def test_plain_text_keeps_its_line_breaks():
    assert html_to_text("First line\r\nsecond line\n\n\n\nnew paragraph  ").text == \
        "First line\nsecond line\n\nnew paragraph"
    assert html_to_text("a < b and c > d").text == "a < b and c > d"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_and_markup_payloads_are_dropped_or_left_as_text(payload):
    for inline in (False, True):
        plain = html_to_text(f"Before {payload} after", inline=inline)
        assert_inert(plain.text)
        assert plain.text.startswith("Before") and plain.text.endswith("after")
        assert all(link.url.startswith(("http://", "https://")) for link in plain.links)
    assert "{{ 6*7 }}" in html_to_text("<p>{{ 6*7 }}</p>").text     # template syntax is text, kept as typed


def test_dropped_markup_is_named_for_the_report():
    plain = html_to_text('<img src=x onerror=alert(1)>Hi <a href="javascript:alert(1)">click</a><script>x</script>')
    assert plain.text == "Hi click"
    assert "<script>" in plain.dropped and any("javascript:" in d for d in plain.dropped)
    assert plain.links == []


@pytest.mark.parametrize("text, expected", [
    ("16 April 1922", "1922-04-16"), ("April 16, 1922", "1922-04-16"), ("April 1922", "1922-04"),
    ("1922", "1922"), ("c. 1925", "1925~"), ("about Sept 1926", "1926-09~"), ("1920s", "[1920..1929]"),
    ("23–24 August 1939", "1939-08-23/1939-08-24"), ("1922-04-16T10:00:00Z", "1922-04-16"),
    ("16. April 1922", "1922-04-16"), ("1. Mai 1922", "1922-05-01"), ("[1925..1926]", "[1925..1926]"),
    ("1938-09-29/1938-09-30", "1938-09-29/1938-09-30"), ("Spring 1926", None), ("", None)])
def test_written_dates_become_edtf(text, expected):
    assert edtf.from_text(text) == expected


def test_date_parts_keep_their_precision():
    assert edtf.from_parts(1922, 4, 16) == "1922-04-16"
    assert edtf.from_parts("1925") == "1925"
    assert edtf.from_parts(1939.0, 8.0) == "1939-08"
    assert edtf.from_parts("1925~") == "1925~"
    assert edtf.from_parts(1922, 13) == "1922-13"        # passed on, for the loader to name
    assert edtf.from_parts(None, 4, 1) is None
    assert edtf.one_of("1922-04-10", "1922-04-16") == "[1922-04-10..1922-04-16]"
    assert edtf.earliest_day("[1925..1926]") == dt.date(1925, 1, 1)
    assert edtf.earliest_day("1938-09-29/1938-09-30") == dt.date(1938, 9, 29)


@pytest.mark.parametrize("value, words", [
    ("1925~", "about 1925"), ("1926-09?", "September 1926 (uncertain)"), ("1939-XX", "1939"),
    ("[1925..1926]", "between 1925 and 1926"), ("[1939-08-23,1939-08-24]", "23 August 1939 or 24 August 1939"),
    ("1938-09-29/1938-09-30", "29 September 1938 – 30 September 1938")])
def test_edtf_read_back_in_words(value, words):
    assert edtf.label(value) == words


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer()


def test_a_place_name_resolves_offline_and_names_the_others(gazetteer):
    rapallo = gazetteer.resolve("Rapallo")
    assert rapallo.city.country == "Italy"
    assert rapallo.describe() == "Rapallo → Rapallo, Italy (44.35, 9.23)"
    geneva = gazetteer.resolve("Geneva")
    assert geneva.city.country == "Switzerland" and len(geneva.others) >= 1
    assert "other match" in geneva.describe() and "United States" in geneva.describe()
    assert gazetteer.resolve("Geneva", "US").city.country_code == "US"
    assert gazetteer.resolve("Paris, France").city.country == "France"


@pytest.mark.parametrize("name, town, code", [("Danzig", "Gdańsk", "PL"), ("Königsberg", "Kaliningrad", "RU"),
                                              ("Brest-Litovsk", "Brest", "BY"), ("Trianon", "Versailles", "FR"),
                                              ("Genua", "Genoa", "IT"), ("Moskau", "Moscow", "RU"),
                                              ("Lwów", "Lviv", "UA"), ("St. Germain", "Saint-Germain-en-Laye", "FR")])
def test_historical_names_and_exonyms(gazetteer, name, town, code):
    found = gazetteer.resolve(name).city
    assert (found.name, found.country_code) == (town, code)


def test_small_towns_and_unknown_names(gazetteer):
    assert gazetteer.resolve("Stresa").city.country == "Italy"     # under 5,000 people: the fallback list
    missing = gazetteer.resolve("Atlantis-on-Sea")
    assert missing.city is None and "give Latitude and Longitude" in missing.describe()


def test_coordinates_are_named_after_the_town_there(gazetteer):
    assert gazetteer.nearest(52.52, 13.405).name == "Berlin"     # not its district Mitte
    assert gazetteer.nearest(0.0, -30.0) is None                  # mid-Atlantic


def test_fold_compares_names_loosely():
    assert fold("Saint-Germain-en-Laye") == fold("St. Germain en Laye") == "saint germain en laye"
    assert fold("Zürich") == fold("ZURICH")


def test_problems_read_like_validation():
    assert str(ImportProblem("t.csv", "'1922-02-30' is impossible", row=6, field="Year")) == \
        "t.csv: row 6, field 'Year': '1922-02-30' is impossible"
    assert str(ImportProblem("d.json", "bad", line=12, item="event 'x'", field="date")) == \
        "d.json:12: event 'x', field 'date': bad"
    assert str(ImportProblem("b.xlsx", "x", "warning", sheet="Events", row=3)) == "b.xlsx: sheet 'Events', row 3: warning: x"
    report = ImportReport("t.csv", "TimelineJS sheet (CSV)", opened=True, counts={"events": 2})
    report.add("bad", row=4)
    report.add("a note", "info")
    assert report.errors and report.notes and not report.ok
    assert report.summary() == "t.csv (TimelineJS sheet (CSV)): 2 events; 1 problem"
    assert report.problem_lines()[0].startswith("t.csv: row 4")


def test_gazetteer_tables_are_cached_on_disk(tmp_path, monkeypatch):
    from explorer.formats import gazetteer_cache

    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"cities": [["Rapallo", "IT", 44.35, 9.23, 26993, 3169602]]}

    assert gazetteer_cache.cached_table("t", build) == build()
    assert len(calls) == 2
    (path,) = (tmp_path / "gazetteer").iterdir()
    assert gazetteer_cache.cached_table("t", build)["cities"][0][0] == "Rapallo" and len(calls) == 2   # read back
    path.write_text("{ damaged", encoding="utf-8")
    assert gazetteer_cache.cached_table("t", build)["cities"] and len(calls) == 3                      # rebuilt
    monkeypatch.setenv("EXPLORER_CACHE_DIR", "")
    assert gazetteer_cache.cache_folder() is None
