"""The shipped dataset's content: complete German, sources, places, links, dates and the border-change events.

These tests read the JSON file itself (no Qt, and not through the loader), so they check the data as written.
Each check collects every offending item, so one run lists all that is wrong.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from pathlib import Path

import pytest

DATASET = Path(__file__).parents[1] / "explorer" / "data" / "interwar.json"

EVENT_TEXTS = ("title", "summary", "key_points", "significance", "date_note", "display_date", "place_state")
PLACE_TEXTS = ("name", "historical_name", "country")

# The events the period borders reference by id (issue 12); each must exist.
BORDER_EVENTS = (
    "schleswig-plebiscite-1920", "zeligowski-mutiny-1920", "riga-1921", "upper-silesia-plebiscite-1921",
    "upper-silesia-partition-1922", "vilnius-annexation-1922", "irish-free-state-1922", "ussr-founding-1922",
    "klaipeda-revolt-1923", "lausanne-1923", "saar-plebiscite-1935", "anschluss-1938", "munich-1938",
    "first-vienna-award-1938", "prague-occupation-1939", "memel-1939", "albania-1939", "boundary-friendship-1939",
    "soviet-lithuanian-pact-1939", "winter-war-1939", "moscow-peace-1940", "bessarabia-1940",
    "baltic-annexation-1940", "second-vienna-award-1940", "craiova-1940", "yugoslavia-invasion-1941",
)

DIRECTED = {"led_to", "reaffirms", "extends", "answers", "supersedes", "broken_by", "prompted", "cites",
            "implements", "preceded", "challenged_by"}
RELATIONS = DIRECTED | {"parallels"}


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(DATASET.read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------------------------- EDTF dates

_DAY = re.compile(r"^(\d{4})(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?[~?%]?$")


def _span_of_one(text: str) -> tuple[dt.date, dt.date]:
    """Earliest and latest day one plain EDTF date (with ~ ? % or XX) can mean."""
    m = _DAY.match(text)
    if not m:
        raise ValueError(f"not a date: {text!r}")
    year = int(m.group(1))
    month, day = m.group(2), m.group(3)
    if month in (None, "XX"):
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    mo = int(month)
    last = calendar.monthrange(year, mo)[1]
    if day in (None, "XX"):
        return dt.date(year, mo, 1), dt.date(year, mo, last)
    d = dt.date(year, mo, int(day))  # raises on 1922-02-30
    return d, d


def span(text: str) -> tuple[dt.date, dt.date]:
    """Earliest and latest day of an EDTF date of the forms the data format reads."""
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1]
        if ".." in inner:
            a, b = inner.split("..")
            return _span_of_one(a)[0], _span_of_one(b)[1]
        parts = [_span_of_one(p.strip()) for p in inner.split(",")]
        return min(p[0] for p in parts), max(p[1] for p in parts)
    if "/" in text:
        a, b = text.split("/")
        return _span_of_one(a)[0], _span_of_one(b)[1]
    return _span_of_one(text)


def test_the_date_reader_understands_the_format_and_refuses_nonsense():
    assert span("1922-04-16") == (dt.date(1922, 4, 16),) * 2
    assert span("[1939-08-23,1939-08-24]") == (dt.date(1939, 8, 23), dt.date(1939, 8, 24))
    assert span("1938-09-29/1938-09-30") == (dt.date(1938, 9, 29), dt.date(1938, 9, 30))
    assert span("1925~") == (dt.date(1925, 1, 1), dt.date(1925, 12, 31))
    assert span("[1926..1928]") == (dt.date(1926, 1, 1), dt.date(1928, 12, 31))
    for bad in ("1922-02-30", "16.04.1922", "1922-13"):
        with pytest.raises(ValueError):
            span(bad)


# ------------------------------------------------------------------------------------------------ helpers

def _german(item: dict) -> dict:
    return item.get("translations", {}).get("de", {})


def _missing_german(item: dict, fields) -> list[str]:
    """Fields the item has in English but not (or not completely) in German."""
    de = _german(item)
    missing = []
    for f in fields:
        if f not in item or item[f] in (None, "", []):
            continue
        value = de.get(f)
        if not value:
            missing.append(f)
        elif isinstance(item[f], list) and (len(value) != len(item[f]) or not all(value)):
            missing.append(f"{f} (length {len(value)} != {len(item[f])})")
        elif value == item[f] and f not in ("name", "historical_name"):
            missing.append(f"{f} (same as English)")
    return missing


# ------------------------------------------------------------------------------------------------ German

def test_every_event_text_has_german(data):
    problems = {e["id"]: m for e in data["events"] if (m := _missing_german(e, EVENT_TEXTS))}
    assert problems == {}


def test_every_signatory_office_has_german(data):
    problems = [f"{e['id']}: {s['name']}" for e in data["events"] for s in e.get("signatories", [])
                if s.get("office") and not _german(s).get("office")]
    assert problems == []


def test_every_link_note_has_german(data):
    problems = [f"{l['from']} {l['relation']} {l['to']}" for l in data["links"]
                if not _german(l).get("note") or _german(l)["note"] == l["note"]]
    assert problems == []


def test_every_place_has_german_name_and_country(data):
    problems = {}
    for p in data["places"]:
        de = _german(p)
        missing = [f for f in PLACE_TEXTS if p.get(f) and not de.get(f)]
        if missing:
            problems[p["id"]] = missing
    assert problems == {}


def test_eras_title_description_and_parties_have_german(data):
    ds = data["dataset"]
    assert _german(ds).get("title") and _german(ds).get("description")
    assert [e["name"] for e in ds["eras"] if not _german(e).get("name")] == []
    assert [p["name"] for p in data["parties"] if not _german(p).get("name")] == []


def test_german_exonyms_are_used(data):
    names = {p["id"]: _german(p).get("name") for p in data["places"]}
    for pid, german in {"rome": "Rom", "genoa": "Genua", "moscow": "Moskau", "warsaw": "Warschau",
                        "brest-litovsk": "Brest", "vienna": "Wien", "prague": "Prag"}.items():
        assert names.get(pid) == german, pid
    assert _german(next(p for p in data["places"] if p["id"] == "brest-litovsk"))["historical_name"] == "Brest-Litowsk"


# ------------------------------------------------------------------------------------------- completeness

def test_at_least_75_events_every_one_sourced_and_complete(data):
    events = data["events"]
    assert len(events) >= 75
    unsourced = [e["id"] for e in events if not any(s.get("citation", "").strip() for s in e.get("sources", []))]
    assert unsourced == []
    incomplete = [e["id"] for e in events
                  if not (e.get("summary") and e.get("key_points") and e.get("significance") and e.get("place"))]
    assert incomplete == []


def test_urls_are_http_and_citations_are_not_bare_urls(data):
    bad = [(e["id"], s) for e in data["events"] for s in e["sources"]
           if ("url" in s and not re.match(r"^https?://\S+$", s["url"])) or s["citation"].startswith("http")]
    assert bad == []


def test_ids_are_unique_and_well_formed(data):
    pattern = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
    for key in ("events", "places"):
        ids = [x["id"] for x in data[key]]
        assert len(ids) == len(set(ids)), key
        assert [i for i in ids if not pattern.match(i)] == []


def test_the_border_change_events_exist(data):
    ids = {e["id"] for e in data["events"]}
    assert [i for i in BORDER_EVENTS if i not in ids] == []


# ------------------------------------------------------------------------------------------------ places

def test_every_event_place_exists_and_every_place_is_used_or_a_capital(data):
    places = {p["id"]: p for p in data["places"]}
    assert [e["id"] for e in data["events"] if e.get("place") and e["place"] not in places] == []
    used = {e.get("place") for e in data["events"]}
    assert [pid for pid, p in places.items() if pid not in used and not p.get("capital")] == []


def test_places_are_on_the_map(data):
    bad = [p["id"] for p in data["places"] if not (-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180)]
    assert bad == []


def test_brest_litovsk_names_its_state_on_each_date(data):
    states = {e["id"]: e.get("place_state", "") for e in data["events"] if e.get("place") == "brest-litovsk"}
    assert "German-occupied" in states["brest-litovsk-1918"]
    assert states["soviet-invasion-poland-1939"].startswith("Poland")
    assert states["barbarossa-1941"].startswith("Soviet Union")


# ------------------------------------------------------------------------------------------------ parties

def test_every_party_is_in_the_parties_table_and_renames_resolve(data):
    table = {p["name"]: p for p in data["parties"]}
    named = set()
    for e in data["events"]:
        named.update(e["parties"])
        named.update(s["party"] for s in e.get("signatories", []) if s.get("party"))
    for p in data["places"]:
        named.update(p.get("capital_of", []))
    assert sorted(named - set(table)) == []
    assert [n for n, p in table.items() if p.get("renamed_to") and p["renamed_to"] not in table] == []
    assert table["Soviet Russia"]["renamed_to"] == "Soviet Union"
    assert table["Kingdom of Serbs, Croats and Slovenes"]["renamed_to"] == "Yugoslavia"


# ------------------------------------------------------------------------------------------------ links

def test_links_resolve_in_both_directions(data):
    events = {e["id"] for e in data["events"]}
    bad = [(l["from"], l["to"]) for l in data["links"] if l["from"] not in events or l["to"] not in events]
    assert bad == []
    assert [l for l in data["links"] if l["relation"] not in RELATIONS or l["from"] == l["to"]] == []
    keys = [(l["from"], l["relation"], l["to"]) for l in data["links"]]
    assert len(keys) == len(set(keys))
    # Read from either end, every link names an event that exists and reads back to where it started.
    incoming = {}
    for l in data["links"]:
        incoming.setdefault(l["to"], set()).add(l["from"])
    for l in data["links"]:
        assert l["from"] in incoming[l["to"]]


def test_every_new_event_is_linked_to_the_rest(data):
    linked = {l["from"] for l in data["links"]} | {l["to"] for l in data["links"]}
    assert [e["id"] for e in data["events"] if e["id"] not in linked] == []


def test_directed_relations_form_no_cycle(data):
    graph = {}
    for l in data["links"]:
        if l["relation"] in DIRECTED:
            graph.setdefault(l["from"], set()).add(l["to"])
    state = {}

    def visit(node, path):
        state[node] = "open"
        for nxt in graph.get(node, ()):
            if state.get(nxt) == "open":
                raise AssertionError("cycle: " + " -> ".join(path + [node, nxt]))
            if nxt not in state:
                visit(nxt, path + [node])
        state[node] = "done"

    for node in list(graph):
        if node not in state:
            visit(node, [])


def test_causal_links_do_not_run_backwards_in_time(data):
    starts = {e["id"]: span(e["date"])[0] for e in data["events"]}
    forward = {"led_to", "prompted", "preceded", "broken_by", "challenged_by"}
    bad = [(l["from"], l["relation"], l["to"]) for l in data["links"]
           if l["relation"] in forward and starts[l["from"]] > starts[l["to"]]]
    assert bad == []


# ------------------------------------------------------------------------------------------------ dates

def test_dates_are_real_and_end_dates_are_not_before_them(data):
    problems = []
    for e in data["events"]:
        try:
            start = span(e["date"])
            if "end_date" in e:
                end = span(e["end_date"])
                if end[1] < start[0] or end[0] < start[0]:
                    problems.append(f"{e['id']}: ends {e['end_date']} before {e['date']}")
        except ValueError as exc:
            problems.append(f"{e['id']}: {exc}")
    assert problems == []


def test_events_are_in_date_order(data):
    starts = [(span(e["date"])[0], e["id"]) for e in data["events"]]
    assert [s for s, _ in starts] == sorted(s for s, _ in starts)


def test_sources_that_disagree_on_a_day_are_written_as_uncertain_dates(data):
    by_id = {e["id"]: e for e in data["events"]}
    assert by_id["molotov-ribbentrop-1939"]["date"] == "[1939-08-23,1939-08-24]"
    assert by_id["ussr-founding-1922"]["date"] == "[1922-12-29,1922-12-30]"
    for e in data["events"]:
        if e["date"].startswith("["):
            assert e.get("date_note"), f"{e['id']}: an uncertain date needs a note saying why"
