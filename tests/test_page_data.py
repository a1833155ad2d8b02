"""The map page's data as columns (Qt-free): the binary form and the JSON form say the same, and every
column says what the dataset says; plain date labels from the quick path are Babel's."""

import datetime as dt
import random
import struct

from explorer.webmap.page_data import EPOCH_ORDINAL, page_data, page_data_bytes


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
