"""A big file's long lists read a piece at a time (``model/pieces.py``) give exactly what the whole parse gives.

Pure model tests, no Qt. The size from which the loader reads in pieces, and the size of a piece, are set
small here so that small files take that path and their lists are cut into many pieces.
"""

import json
import random

import orjson
import pytest

from explorer.bench.synthetic import dumps, generate
from explorer.model import loader, pieces
from explorer.model.loader import check_text, load_dataset
from explorer.resources import DEFAULT_DATASET


def _both_ways(monkeypatch, path, piece_bytes: int):
    """The file loaded in pieces (the whole parse forbidden) and loaded whole, as (dataset, problems)."""
    monkeypatch.setattr(loader, "PIECES_FROM_BYTES", 0)
    monkeypatch.setattr(pieces, "PIECE_BYTES", piece_bytes)
    with monkeypatch.context() as whole_forbidden:
        whole_forbidden.setattr(loader, "check_root", _forbidden)
        in_pieces = load_dataset(path)
    monkeypatch.setattr(loader, "PIECES_FROM_BYTES", float("inf"))
    return in_pieces, load_dataset(path)


def _forbidden(*_args):
    raise AssertionError("the whole document was parsed and checked")


def _same(a, b):
    assert a.events == b.events
    assert [e.translations for e in a.events] == [e.translations for e in b.events]
    assert a.links == b.links
    assert a.places == b.places
    assert a.party_table == b.party_table
    assert (a.title, a.description, a.default_view, a.eras, a.credits, a.translations) == \
        (b.title, b.description, b.default_view, b.eras, b.credits, b.translations)
    assert a.events_in_order == b.events_in_order


def _layouts(doc: dict) -> dict[str, bytes]:
    """The same document written as people and tools write it."""
    reordered = {key: doc[key] for key in ("links", "events", "dataset", "places", "format") if key in doc}
    return {
        "minified": orjson.dumps(doc),
        "indented": json.dumps(doc, indent=2, ensure_ascii=False).encode(),
        "ascii, tabs, CRLF": json.dumps(doc, indent="\t", ensure_ascii=True).replace("\n", "\r\n").encode(),
        "links first": json.dumps(reordered, indent=1, ensure_ascii=False).encode(),
    }


@pytest.mark.parametrize("piece_bytes", [1, 700, 1 << 20])
def test_the_shipped_data_in_pieces_is_the_dataset_the_whole_parse_gives(monkeypatch, tmp_path, piece_bytes):
    doc = json.loads(DEFAULT_DATASET.read_text(encoding="utf-8"))
    for name, data in {"as shipped": DEFAULT_DATASET.read_bytes(), **_layouts(doc)}.items():
        path = tmp_path / "data.json"
        path.write_bytes(data)
        in_pieces, whole = _both_ways(monkeypatch, path, piece_bytes)
        _same(in_pieces, whole)
        assert len(in_pieces.events) == len(doc["events"]), name


def test_a_generated_dataset_in_pieces_is_the_dataset_the_whole_parse_gives(monkeypatch, tmp_path):
    doc = json.loads(dumps(generate(600, seed=3)))
    # Texts that look like the boundary between two events, a list's end, escapes and other scripts (not
    # ``\":``, which makes the loader look for repeated keys key by key, in the whole parse).
    doc["events"][5]["summary"] = 'Ends with }, {"id" "x", and ], "links" [ too \\" \u00e4\u20ac\U0001f600'
    doc["events"][-1]["title"] = "Le dernier: \u00e9v\u00e9nement ]]}}"
    for name, data in _layouts(doc).items():
        path = tmp_path / "data.json"
        path.write_bytes(data)
        in_pieces, whole = _both_ways(monkeypatch, path, 3000)
        _same(in_pieces, whole)
        assert len(in_pieces.events) == 600 and len(in_pieces.links) == len(doc["links"]), name


def test_a_list_written_with_an_escaped_key_is_read_whole_beside_the_others_in_pieces(monkeypatch, tmp_path):
    path = tmp_path / "data.json"
    path.write_text(_shipped_with(lambda t: t.replace('"events": [', '"\\u0065vents": [', 1)), encoding="utf-8")
    in_pieces, whole = _both_ways(monkeypatch, path, 500)
    _same(in_pieces, whole)
    assert len(in_pieces.events) == 90


def _problems(monkeypatch, text: str, in_pieces: bool):
    monkeypatch.setattr(loader, "PIECES_FROM_BYTES", 0 if in_pieces else float("inf"))
    monkeypatch.setattr(pieces, "PIECE_BYTES", 500)
    dataset, problems = check_text(text, "data.json")
    return dataset, [(p.message, p.line, p.item, p.field, p.path) for p in problems]


def _shipped_with(change) -> str:
    text = json.dumps(json.loads(DEFAULT_DATASET.read_text(encoding="utf-8")), indent=2, ensure_ascii=False)
    return change(text)


BROKEN = {
    "a bad date late in the list": lambda t: t.replace('"date": "1940-09-27"', '"date": "1940-09-31"'),
    "an unknown field called events in an event":
        lambda t: t.replace('"id": "rapallo-1922",', '"id": "rapallo-1922", "events": [{"id": 1}],'),
    "an unknown field called events in the header, before the list":
        lambda t: t.replace('"dataset": {', '"dataset": {"events": [{"id": "x"}],', 1),
    "a bad place (outside the long lists)": lambda t: t.replace('"lat": ', '"lat": 1', 1),
    "a control character in the header":
        lambda t: t.replace('"title": "Rapallo and After', '"title": "Rapallo\\u0007 and After', 1),
    "a bad centre in the header": lambda t: t.replace('"center": [', '"center": [500, ', 1),
    "the events key twice": lambda t: t.replace('"links": [', '"events": [], "links": ['),
    "a control character": lambda t: t.replace('"title": "Treaty of Berlin (', '"title": "Treaty\\u0001 of Berlin ('),
    "a number between two events": lambda t: t.replace('\n    },\n    {\n      "id": "locarno',
                                                        '\n    }, 5,\n    {\n      "id": "locarno'),
    "a link to an unknown event": lambda t: t.replace('"to": "rapallo-1922"', '"to": "nowhere"', 1),
    "an event id twice": lambda t: t.replace('"id": "locarno-1925"', '"id": "rapallo-1922"', 1),
    "text cut short": lambda t: t[:len(t) * 2 // 3],
    "the list not closed": lambda t: t.replace('\n  ],\n  "links"', '\n  ,\n  "links"'),
}


@pytest.mark.parametrize("what", BROKEN)
def test_a_broken_file_is_reported_exactly_as_the_whole_parse_reports_it(monkeypatch, what):
    text = _shipped_with(BROKEN[what])
    assert text != _shipped_with(lambda t: t), "the change must change the file"
    dataset, problems = _problems(monkeypatch, text, in_pieces=True)
    assert dataset is None and problems
    assert (dataset, problems) == _problems(monkeypatch, text, in_pieces=False)


def _random_value(rng: random.Random, depth: int, keys=("a", "b", "events")):
    roll = rng.random()
    if depth > 3 or roll < 0.3:
        return rng.choice([1, -2.5, True, None, "a", 'x"}, {"a": 1', "\u00e4\u20ac\U0001f600", "]", "\\"])
    if roll < 0.65:
        return [_random_value(rng, depth + 1, keys) for _ in range(rng.randrange(4))]
    return {rng.choice(keys): _random_value(rng, depth + 1, keys) for _ in range(rng.randrange(4))}


@pytest.mark.parametrize("seed", range(60))
def test_pieces_are_exactly_the_list_whatever_its_elements_hold(monkeypatch, seed):
    """Random lists whose elements nest objects starting like the elements do (so many guesses are
    wrong), with boundary-like text in strings, another list starting alike right after, any spacing."""
    rng = random.Random(seed)
    monkeypatch.setattr(pieces, "PIECE_BYTES", rng.choice([1, 20, 200]))
    monkeypatch.setattr(pieces, "WRONG_GUESSES", 10_000)
    elements = [{"a": _random_value(rng, 1), **({"b": [{"a": 1}, {"a": [2]}]} if rng.random() < 0.5 else {})}
                for _ in range(rng.randrange(1, 40))]
    doc = {"head": _random_value(rng, 2, keys=("a", "b")), "events": elements, "links": [{"a": 1}, {"a": "]"}], "tail": "}"}
    indent = rng.choice([None, 0, 1, 4])
    data = json.dumps(doc, indent=indent, ensure_ascii=rng.random() < 0.5).encode()
    lists = pieces.long_lists(data, ("events", "links"))
    read = {name: [element for piece in found for element in piece] for name, found in lists.items()}
    assert read == {"events": elements, "links": doc["links"]}
    assert orjson.loads(pieces.rest_of(data, lists)) == {**doc, "events": [], "links": []}


def test_a_list_key_met_first_elsewhere_leaves_the_top_level_list_in_the_rest():
    """The loader's check that the rest holds each list as ``[]`` is what catches this (then it reads
    the whole text)."""
    doc = {"head": {"events": [{"a": 1}]}, "events": [{"a": 2}, {"a": 3}]}
    data = json.dumps(doc).encode()
    lists = pieces.long_lists(data, ("events",))
    assert [element for piece in lists["events"] for element in piece] == [{"a": 1}]
    assert orjson.loads(pieces.rest_of(data, lists))["events"] == [{"a": 2}, {"a": 3}]


def test_a_list_that_cannot_be_vouched_for_is_left_to_the_whole_parse(monkeypatch):
    monkeypatch.setattr(pieces, "PIECE_BYTES", 1)
    monkeypatch.setattr(pieces, "WRONG_GUESSES", 2)
    nested = {"a": [{"a": 1}, {"a": 2}, {"a": 3}, {"a": 4}]}      # three wrong guesses in the first element
    data = json.dumps({"events": [nested, nested]}).encode()
    with pytest.raises(pieces.NotInPieces):
        [piece for found in pieces.long_lists(data, ("events",)).values() for piece in found]
    for text in ('{"x": "\\"events": [1]}', '{"events": 5}', '{"events": [1, 2]}'):
        with pytest.raises(pieces.NotInPieces):
            [piece for found in pieces.long_lists(text.encode(), ("events",)).values() for piece in found]
    assert pieces.long_lists(b'{"links": []}', ("events",)) == {}


def test_the_app_opens_a_big_file_of_ours_in_pieces_as_the_loader_does(monkeypatch, tmp_path):
    """``open_document`` (the window's, the kiosk's and the command line's way in) reads a big file of ours in
    pieces too, instead of parsing it whole to learn its format: the same dataset, the same report."""
    from explorer.formats import opener

    path = tmp_path / "data.json"
    path.write_bytes(json.dumps(json.loads(dumps(generate(300, seed=5))), indent=1).encode())
    monkeypatch.setattr(pieces, "PIECE_BYTES", 2000)
    monkeypatch.setattr(loader, "PIECES_FROM_BYTES", 0)
    with monkeypatch.context() as whole_forbidden:
        whole_forbidden.setattr(loader, "check_root", _forbidden)
        size, loads = path.stat().st_size, orjson.loads

        def parse_no_whole_file(text, *a):
            assert len(text) < size, "the whole file was parsed (to learn its format)"
            return loads(text, *a)
        whole_forbidden.setattr(orjson, "loads", parse_no_whole_file)
        dataset, doc, report = opener.open_document(path, want_doc=False)
    monkeypatch.setattr(loader, "PIECES_FROM_BYTES", float("inf"))
    whole, _doc, whole_report = opener.open_document(path, want_doc=False)
    _same(dataset, whole)
    assert doc is None and dataset.file_stamp == whole.file_stamp
    assert (report.format, report.opened, report.counts, report.problems) == \
        (opener.NATIVE, True, {"events": 300, "places": len(whole.places), "links": len(whole.links)}, [])
    assert (report.format, report.counts) == (whole_report.format, whole_report.counts)


@pytest.mark.parametrize("what", ["a bad date late in the list", "an event id twice", "text cut short"])
def test_the_app_reports_a_big_broken_file_as_the_whole_parse_reports_it(monkeypatch, tmp_path, what):
    from explorer.formats import opener

    path = tmp_path / "data.json"
    path.write_text(_shipped_with(BROKEN[what]), encoding="utf-8")
    monkeypatch.setattr(pieces, "PIECE_BYTES", 500)

    def opened(pieces_from):
        monkeypatch.setattr(loader, "PIECES_FROM_BYTES", pieces_from)
        dataset, _doc, report = opener.open_document(path)
        return dataset, report.format, [(p.message, p.line, p.item, p.field) for p in report.problems]

    in_pieces = opened(0)
    assert in_pieces[0] is None and in_pieces[2]
    assert in_pieces == opened(float("inf"))


@pytest.mark.parametrize("name", ["timeline.json", "storymap.json", "events.geojson", "places.lpf.json",
                                  "full_format.json"])
def test_other_formats_open_as_before_when_pieces_are_tried_first(monkeypatch, name):
    """The opener tries pieces on any big JSON file; another format (TimelineJS has ``events`` too) is then
    detected and imported exactly as without that try."""
    from pathlib import Path

    from explorer.formats import opener

    path = Path(__file__).parent / "data" / "formats" / name
    monkeypatch.setattr(pieces, "PIECE_BYTES", 300)

    def opened(pieces_from):
        monkeypatch.setattr(loader, "PIECES_FROM_BYTES", pieces_from)
        dataset, _doc, report = opener.open_document(path)
        assert dataset is not None
        return (report.format, report.counts, [(p.message, p.line, p.item) for p in report.problems],
                dataset.events, dataset.links, dataset.places)

    assert opened(0) == opened(float("inf"))
