"""The map page's data as columns (Qt-free): the binary form and the JSON form say the same, and every
column says what the dataset says; plain date labels from the quick path are Babel's; a file opened again
has its page data from the page cache, and only while the file and the code are as they were (and not for a
file changed a moment before)."""

import dataclasses
import datetime as dt
import os
import random
import struct
import time

from explorer.webmap import page_data as page_data_module
from explorer.webmap.page_data import EPOCH_ORDINAL, cached_page_data_bytes, page_data, page_data_bytes


def _read_binary(data: bytes) -> tuple[dict, dict[str, list[int]]]:
    import json

    (length,) = struct.unpack_from("<I", data, 0)
    head = json.loads(data[4:4 + length])
    at, columns = 4 + length, {}
    assert at % 4 == 0, "the columns must start on a multiple of four (Int32Array views)"
    for name, count in head["columnOrder"]:
        columns[name] = list(struct.unpack_from(f"<{count}i", data, at))
        at += 4 * count
    assert at == len(data)
    return head, columns


def test_binary_and_json_forms_hold_the_same_data(mini):
    import json

    head, columns = _read_binary(page_data_bytes(mini))
    as_json = json.loads(json.dumps(page_data(mini)))
    assert as_json.pop("columns") == columns
    head.pop("columnOrder")
    assert head == as_json


def test_each_column_says_what_the_dataset_says(mini):
    head, c = _read_binary(page_data_bytes(mini))
    events = [e for e in mini.events if e.place_id is not None]
    places = [p["id"] for p in head["places"]]
    ev = head["events"]
    assert ev["count"] == len(events) and ev["id"] == [e.id for e in events]
    assert ev["title"] == [e.title for e in events]
    assert ev["dateLabel"] == [e.date_label() for e in events]
    for i, event in enumerate(events):
        assert dt.date.fromordinal(c["start"][i] + EPOCH_ORDINAL) == event.start
        assert dt.date.fromordinal(c["last"][i] + EPOCH_ORDINAL) == event.last
        assert places[c["place"][i]] == event.place_id
        assert ev["kindNames"][c["kind"][i]] == event.kind
        parties = c["party"][c["partyStart"][i]:c["partyStart"][i + 1]]
        assert [ev["partyNames"][k] for k in parties] == list(event.parties)
    assert c["start"] == sorted(c["start"]), "the page relies on events in date order"
    links = {(ev["id"][a], ev["id"][b], head["links"]["relationNames"][r])
             for a, b, r in zip(c["linkFrom"], c["linkTo"], c["linkRelation"])}
    mapped = {e.id for e in events}
    assert links == {(l.source_id, l.target_id, l.relation) for l in mini.links
                     if l.source_id in mapped and l.target_id in mapped}
    # Capitals are on the map even when no event happened there.
    assert {p.id for p in mini.places.values() if p.capital} <= set(places)


def test_days_before_1970_are_negative_day_numbers(mini):
    _head, c = _read_binary(page_data_bytes(mini))
    assert min(c["start"]) < 0            # the dataset is of the 1920s


def test_quick_plain_date_labels_are_babels():
    from babel.dates import format_date

    from explorer.model import date_labels

    rng = random.Random(18)
    low, high = dt.date(1, 1, 1).toordinal(), dt.date(2200, 12, 31).toordinal()
    for language in ("en", "de"):
        locale = date_labels._locale(language)
        for precision in ("day", "month", "year"):
            pattern = str(locale.datetime_skeletons.get(date_labels._SKELETONS[precision]) or "y")
            for _ in range(500):
                day = dt.date.fromordinal(rng.randint(low, high))
                assert date_labels._plain(day, precision, language) == format_date(day, pattern, locale=locale)


def test_a_file_opened_again_has_its_page_data_from_the_cache_while_it_is_unchanged(mini_path, tmp_path,
                                                                                   monkeypatch):
    from explorer.formats.opener import open_document
    from explorer.model import load_dataset

    cache = tmp_path / "cache"
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(cache))
    built = []
    monkeypatch.setattr(page_data_module, "page_data_bytes", lambda dataset: built.append(dataset) or
                        page_data_bytes(dataset))
    path = tmp_path / "mine.json"
    path.write_bytes(mini_path.read_bytes())
    # Just written: not kept (a second change as long, within the file system's time resolution, could
    # not be told from it).
    assert cached_page_data_bytes(load_dataset(path)) and not list(cache.glob("*.bin"))
    an_hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(path, ns=(an_hour_ago, an_hour_ago))
    built.clear()
    first = load_dataset(path)
    assert first.file_stamp == (str(path), path.stat().st_size, path.stat().st_mtime_ns)
    data = cached_page_data_bytes(first)
    assert data == page_data_bytes(first) and len(built) == 1
    # Opened again, as the app opens a file: read from the cache, not built.
    again, _doc, _report = open_document(path, want_doc=False)
    assert again.file_stamp == first.file_stamp
    assert cached_page_data_bytes(again) == data and len(built) == 1
    # The file changed: built again, with what it now says.
    title = first.events[0].title
    path.write_text(path.read_text(encoding="utf-8").replace(title, "Retitled here"), encoding="utf-8")
    os.utime(path, ns=(an_hour_ago, an_hour_ago + 1_000_000))
    changed = load_dataset(path)
    fresh = cached_page_data_bytes(changed)
    assert len(built) == 2 and "Retitled here".encode() in fresh and title.encode() not in fresh
    assert len(list(cache.glob("*.bin"))) == 2
    # A damaged entry is not used: the data is built again (and kept again).
    for entry in cache.glob("*.bin"):
        damaged = bytearray(entry.read_bytes())
        damaged[-1] ^= 0xFF
        entry.write_bytes(bytes(damaged))
    assert cached_page_data_bytes(changed) == fresh and len(built) == 3
    assert cached_page_data_bytes(changed) == fresh and len(built) == 3
    # A dataset made from another is not the file's: never served from the file's entry.
    edited = dataclasses.replace(changed, events=changed.events[1:])
    assert edited.file_stamp is None
    assert cached_page_data_bytes(edited) == page_data_bytes(edited) != fresh
    assert len(built) == 4 and len(list(cache.glob("*.bin"))) == 2
