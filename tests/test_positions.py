"""Lines of paths in a JSON text (explorer/model/positions.py): an item's own keys are found by searching its
text, and that search must agree with reading the item member by member, however the text is written."""

import json

import pytest

from explorer.model import positions
from explorer.model.positions import scan

TRICKY = [
    # the key written deeper first, then at the item's own level
    '{"events": [{"sources": [{"date": 1}],\n "date": "x"}, {"date": 2}]}',
    # brackets and a quoted key inside strings before the key
    '{"events": [{"title": "a [b] {c \\"date\\": 3",\n "date": "x"}, {"t": "}]", "date": 1}]}',
    # an escaped quote just before the key's name
    '{"events": [{"x\\"date": 1,\n "date": 2}]}',
    # the key written with an escape: not found by the search, so read member by member
    '{"events": [{"d\\u0061te": 1}, {"date": 2}]}',
    # the key missing from the item (its line is the item's), and spaces before the colon
    '{"events": [{"id": 1}, {"date" \n : 2}]}',
    # deep nesting after the key, and an item that is not an object
    '{"events": [{"date": 1, "a": [[[{"date": 0}]]]}, 5, "date", {"b": {"date": 3}, "date": 4}]}',
    # every value on its own line
    json.dumps({"events": [{"id": i, "sources": [{"date": i}], "date": str(i)} for i in range(20)]}, indent=2),
]


@pytest.mark.parametrize("text", TRICKY)
def test_an_items_own_keys_are_found_as_reading_it_member_by_member_finds_them(text, monkeypatch):
    searched = []
    search = positions._own_keys
    monkeypatch.setattr(positions, "_own_keys", lambda *args: searched.append(search(*args)) or searched[-1])
    doc = json.loads(text)
    # the keys each item has, and in every third item also ones it lacks
    wanted = [("events", i, key) for i, item in enumerate(doc["events"]) for key in ("date", "id", "b")
              if i % 3 == 2 or (isinstance(item, dict) and key in item)]
    wanted += [("events", 0, "sources", 0, "date")] if "sources" in text else []
    fast = scan(text, wanted).lines
    assert any(found is not None for found in searched), "the search found the keys of some item"
    member_by_member = scan(text, wanted, duplicates=True).lines   # reads every object member by member
    assert fast == member_by_member
    lines = text.splitlines()
    for path, line in fast.items():
        item = doc["events"][path[1]] if len(path) >= 2 else None
        if len(path) == 3 and isinstance(item, dict) and path[2] in item:
            assert f'"{path[2]}"' in lines[line - 1] or '\\u0061' in lines[line - 1], (path, line)


def test_the_line_of_a_key_after_a_list_in_an_item():
    text = '{"events": [\n{"id": "a",\n "parties": ["x", "[y"],\n "date": "1922-02-30"}\n]}'
    assert scan(text, [("events", 0, "date")]).lines[("events", 0, "date")] == 4


KEYED = [
    # the plain case: every event's date, one to one with the writings of "date"
    (json.dumps({"dataset": {"title": "t"}, "events": [{"id": i, "date": "x"} for i in range(50)]}, indent=1),
     True),
    # the key elsewhere too: in the header, in another list's elements, after the lists
    ('{"dataset": {"date": 0, "eras": [{"date": 1}]},\n "places": [{"date": 2}],\n "events": [{"id": 1,\n'
     ' "date": 3}, {"date": 4}],\n "z": {"date": 5}}', True),
    # an element holding the key again deeper down: the writings cannot be matched one to one
    ('{"events": [{"sources": [{"date": 1}],\n "date": 2}, {"date": 3}]}', False),
    # a key written with an escape somewhere in the file
    ('{"events": [{"d\\u0061te": 1},\n {"date": 2}]}', False),
    # a key that ends in the name after an escaped quote is another key
    ('{"x\\"date": 0, "events": [{"date": 1},\n {"date": 2}]}', True),
    # a string holding an escaped quote and a colon: too like an escaped key to vouch for anything
    ('{"events": [{"t": "say \\"date\\": no", "date": 1},\n {"date": 2}]}', False),
]


@pytest.mark.parametrize(("text", "vouched"), KEYED)
def test_key_lines_agree_with_the_scan_or_leave_the_path_to_it(text, vouched):
    from explorer.model.positions import key_lines

    doc = json.loads(text)
    wanted = [("events", i, "date") for i in range(len(doc["events"]))]
    quick = key_lines(text.encode(), doc, wanted)
    assert bool(quick) == vouched
    if vouched:
        assert set(quick) == set(wanted)
    scanned = scan(text, wanted).lines
    assert all(scanned[path] == line for path, line in quick.items())


def test_key_lines_of_several_keys_in_one_pass():
    from explorer.model.positions import key_lines

    text = json.dumps({"events": [{"id": f"e{i}", "title": "t", "date": "d", "dates": 1} for i in range(30)],
                       "links": [{"from": "e1", "to": "e2"}]}, indent=2)
    doc = json.loads(text)
    wanted = [("events", i, key) for i in range(0, 30, 3) for key in ("title", "date")] + [("links", 0, "to")]
    quick = key_lines(text.encode(), doc, wanted)
    assert quick == {path: scan(text, wanted).lines[path] for path in wanted}
