"""The timeline's index of a dataset (no Qt): marks and their fuzzy spans, lanes, range queries and counts
checked against a brute-force walk, and filters."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from explorer.bench.synthetic import dumps, generate
from explorer.model.loader import check_text
from explorer.model.state import ExplorerState, Filters
from explorer.qt.timeline_index import TimelineIndex, is_span, mark_for


def _dataset(mini_path, *events):
    raw = json.loads(mini_path.read_text(encoding="utf-8"))
    for i, (date, end) in enumerate(events):
        event = {"id": f"extra-{i}", "title": f"Extra {i}", "kind": "agreement", "date": date, "place": "berlin",
                 "parties": ["Germany"], "summary": "x", "sources": [{"citation": "s"}]}
        if end:
            event["end_date"] = end
        raw["events"].append(event)
    dataset, problems = check_text(json.dumps(raw), "extra.json")
    assert not problems
    return dataset


def _o(text: str) -> int:
    return dt.date.fromisoformat(text).toordinal()


def test_marks_say_what_the_dates_mean(mini_path):
    data = _dataset(mini_path, ("1925", None), ("1926-09?", None), ("[1939-08-23,1939-08-24]", None),
                    ("1925~", None), ("[1926,1928]", "[1931,1933]"), ("1938-09-29/1938-09-30", None),
                    ("1927-03-01", "1927-03-05"))
    marks = {e.id: mark_for(e, 0 if is_span(e) else None) for e in data.events}
    exact = marks["berlin-1926"]
    assert (exact.lo, exact.hi, exact.lane, exact.fuzz) == (_o("1926-04-24"), _o("1926-04-25"), None, None)
    year = marks["extra-0"]                                  # a year: somewhere in it, shown at its middle
    assert (year.lo, year.hi, year.lane) == (_o("1925-01-01"), _o("1926-01-01"), None)
    assert year.fuzz.a == year.lo and year.fuzz.d == year.hi and year.fuzz.b == year.centre
    assert marks["extra-1"].fuzz is not None and marks["extra-1"].hi == _o("1926-10-01")
    pact = marks["extra-2"]                                   # one of two days: a point, fuzzy over both
    assert pact.lane is None and (pact.lo, pact.hi) == (_o("1939-08-23"), _o("1939-08-25")) and pact.fuzz
    assert marks["extra-3"].fuzz is not None                  # "about 1925"
    tomka = marks["extra-4"]                                  # begun 1926 or 1928, ended 1931 or 1933
    assert tomka.lane == 0
    assert (tomka.fuzz.a, tomka.fuzz.b, tomka.fuzz.c, tomka.fuzz.d) == (
        _o("1926-01-01"), _o("1929-01-01"), _o("1931-01-01"), _o("1934-01-01"))
    munich = marks["extra-5"]                                 # an interval of two known days: a plain span
    assert munich.lane == 0 and munich.fuzz is None and (munich.lo, munich.hi) == (_o("1938-09-29"), _o("1938-10-01"))
    assert marks["extra-6"].fuzz is None and marks["genoa-1922"].lane == 0


def test_lanes_part_overlapping_spans_and_reuse_free_ones(mini_path):
    data = _dataset(mini_path, ("1922-04-20", "1922-06-01"), ("1922-05-01", "1922-05-02"),
                    ("1922-07-01", "1922-08-01"))
    index = TimelineIndex(data)
    lanes = {m.event.id: m.lane for m in index.marks if m.lane is not None}
    assert lanes["genoa-1922"] == 0 and lanes["extra-0"] == 1 and lanes["extra-1"] == 2
    assert lanes["extra-2"] == 0                               # every lane is free again by July
    assert index.n_lanes == 3


@pytest.fixture(scope="module")
def synthetic():
    dataset, problems = check_text(dumps(generate(3000, seed=5)), "synthetic-3000.json")
    assert not problems
    return dataset


def test_range_queries_and_counts_agree_with_a_walk(synthetic):
    index = TimelineIndex(synthetic)
    assert len(index) == len(synthetic.events)
    rng = random.Random(2)
    first, last = synthetic.first_date.toordinal(), synthetic.last_date.toordinal()
    for _ in range(200):
        lo = rng.uniform(first - 100, last)
        hi = lo + rng.choice([0.5, 3, 40, 400, 4000])
        walk = [m for m in index.marks if m.lo < hi and m.hi > lo]
        found = index.in_span(lo, hi)
        assert sorted(id(m) for m in found) == sorted(id(m) for m in walk)
        assert [m.lo for m in found] == sorted(m.lo for m in found)
        assert index.count(lo, hi) == len(walk)
    edges = [first + i * 365.25 for i in range(0, 101)]
    assert index.counts(edges) == [sum(1 for m in index.marks if m.lo < b and m.hi > a)
                                   for a, b in zip(edges, edges[1:])]
    assert index.starts_in(edges) == [sum(1 for m in index.marks if a <= m.lo < b) for a, b in zip(edges, edges[1:])]
    for event in synthetic.events[::97]:
        assert index.mark(event).event is event


def test_filtered_counts_follow_the_filters(synthetic):
    index = TimelineIndex(synthetic)
    state = ExplorerState(synthetic)
    lo, hi = synthetic.first_date.toordinal(), synthetic.last_date.toordinal() + 1
    for filters in (Filters(kinds=frozenset({"treaty"})), Filters(kinds=frozenset({"treaty", "military"})),
                    Filters(parties=frozenset({"Germany"})), Filters()):
        state.filters = filters
        parties = state.party_filter()
        index.use_filter(filters, parties)
        want = [m for m in index.marks if filters.accepts(m.event, parties)]
        assert index.count(lo, hi, accepted=True) == len(want)
        assert index.count(lo, lo + 3000, accepted=True) == sum(1 for m in want if m.lo < lo + 3000)
    assert index.count(lo, hi, accepted=True) == len(index)
