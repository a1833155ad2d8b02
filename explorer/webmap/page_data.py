"""What the map page knows about a dataset, as compact columns: one number per event per column.

A 100,000-event dataset as rows of JSON was a 25 MB document that took seconds to build, serve and parse.
As columns it is a few typed arrays (day numbers, place and kind indexes, parties as offsets into one
list) and a few lists of strings (ids, titles, date labels), built in a few tenths of a second:

- :func:`page_data` is the JSON form (numeric columns as JSON arrays), for standalone pages;
- :func:`page_data_bytes` is the binary form the app serves (``application/octet-stream``): a little-endian
  ``uint32`` length, the JSON head (everything but the numeric columns), padding to a multiple of four,
  then each numeric column as ``int32`` in the order the head's ``events.columns`` lists them. The page
  reads the columns as ``Int32Array`` views of the buffer, with no parsing at all.

Both carry the same head; ``static/treaty_map.js`` (``readPageData``) reads either. Day numbers count days
from 1970-01-01 (negative before it), as ``Date.UTC`` does in the page.
"""

from __future__ import annotations

import struct
import sys
from array import array
from pathlib import Path

import orjson

from explorer import __version__
from explorer.disk_cache import settled
from explorer.model.collector import collector_paused
from explorer.model.dataset import Dataset
from explorer.model.kinds import KIND_COLORS, KIND_LETTERS, KIND_SHAPES, KINDS
from explorer.model.relations import RELATIONS
from explorer.webmap import page_cache

#: The day the page's day numbers count from.
EPOCH_ORDINAL = 719163          # date(1970, 1, 1).toordinal()
#: The numeric event columns, in the order the binary form stores them.
EVENT_COLUMNS = ("start", "last", "place", "kind", "partyStart", "party")
#: The numeric link columns (indexes into the events), after the event columns.
LINK_COLUMNS = ("linkFrom", "linkTo", "linkRelation")


def _columns(dataset: Dataset) -> tuple[dict, dict[str, list[int]]]:
    """The head (JSON-able) and the numeric columns (lists of ints) of the page data."""
    # Events without a place are on the timeline and in the details, not on the map; neither are their links.
    mapped = [e for e in dataset.events if e.place_id is not None]
    place_ids: dict[str, int] = {}
    for event in mapped:
        if event.place_id not in place_ids:
            place_ids[event.place_id] = len(place_ids)
    for place in dataset.places.values():
        if place.capital and place.id not in place_ids:
            place_ids[place.id] = len(place_ids)
    places = [dataset.places[pid] for pid in place_ids]
    kind_names = list(KINDS) + sorted({e.kind for e in mapped} - set(KINDS))
    kind_index = {kind: i for i, kind in enumerate(kind_names)}
    party_names = sorted({p for e in mapped for p in e.parties})
    party_index = {name: i for i, name in enumerate(party_names)}
    party_start, party = [0], []
    for event in mapped:
        party.extend(party_index[p] for p in event.parties)
        party_start.append(len(party))
    event_index = {e.id: i for i, e in enumerate(mapped)}
    relation_names = list(RELATIONS)
    relation_index = {name: i for i, name in enumerate(relation_names)}
    links = [(event_index[l.source_id], event_index[l.target_id], relation_index[l.relation])
             for l in dataset.links if l.source_id in event_index and l.target_id in event_index]
    columns = {
        "start": [e.date.start.toordinal() - EPOCH_ORDINAL for e in mapped],
        "last": [(e.end_date or e.date).last.toordinal() - EPOCH_ORDINAL for e in mapped],
        "place": [place_ids[e.place_id] for e in mapped],
        "kind": [kind_index[e.kind] for e in mapped],
        "partyStart": party_start,
        "party": party,
        "linkFrom": [l[0] for l in links],
        "linkTo": [l[1] for l in links],
        "linkRelation": [l[2] for l in links],
    }
    head = {
        "format": 2,
        "title": dataset.title,
        "kinds": KIND_COLORS,
        "kindShapes": KIND_SHAPES,
        "kindLetters": KIND_LETTERS,
        "places": [{"id": p.id, "name": p.historical_name or p.name, "lat": p.lat, "lon": p.lon,
                    "capital": p.capital} for p in places],
        "events": {
            "count": len(mapped),
            "id": [e.id for e in mapped],
            "title": [e.title for e in mapped],
            "dateLabel": [e.date_label() for e in mapped],
            "kindNames": kind_names,
            "partyNames": party_names,
        },
        "links": {"count": len(links), "relationNames": relation_names},
        "capitals": {party_name: place.id for party_name, place in dataset.capitals_by_party.items()},
        "relationLabels": RELATIONS,
        "translations": _title_translations(mapped),
    }
    return head, columns


def _title_translations(events) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for event in events:
        for language, texts in event.translations.items():
            if texts.get("title"):
                table.setdefault(language, {})[event.id] = texts["title"]
    return table


def page_data(dataset: Dataset) -> dict:
    """The page data as one JSON-able object (the numeric columns as lists), for standalone pages."""
    with collector_paused():
        head, columns = _columns(dataset)
        head["columns"] = columns
    return head


def page_data_bytes(dataset: Dataset) -> bytes:
    """The page data in its binary form (see the module's docstring): what the app serves to its page.

    Safe to call off the main thread: it only reads the dataset.
    """
    with collector_paused():
        head, columns = _columns(dataset)
        order = EVENT_COLUMNS + LINK_COLUMNS
        head["columnOrder"] = [[name, len(columns[name])] for name in order]
        text = script_safe_bytes(orjson.dumps(head, option=orjson.OPT_NON_STR_KEYS))
        pad = b" " * (-(4 + len(text)) % 4)
        parts = [struct.pack("<I", len(text) + len(pad)), text, pad]
        for name in order:
            values = array("i", columns[name])
            if sys.byteorder != "little":
                values.byteswap()
            parts.append(values.tobytes())
    return b"".join(parts)


def page_data_key(dataset: Dataset) -> str | None:
    """The key of the dataset's page data in the page cache: its file as it was when read, and every file of
    the code that reads or imports a dataset and makes its page data. None for a dataset not read from a
    file."""
    if dataset.file_stamp is None:
        return None
    package = Path(__file__).resolve().parent.parent
    path, size, mtime_ns = dataset.file_stamp
    return page_cache.cache_key([__version__, "page-data", path, str(size), str(mtime_ns)],
                                [Path(__file__).resolve(), *sorted(package.glob("model/*.py")),
                                 *sorted(package.glob("formats/*.py"))])


def cached_page_data_bytes(dataset: Dataset) -> bytes:
    """:func:`page_data_bytes`, from the page cache when this dataset's file was opened before (12 MB read
    instead of half a second's work at 100,000 events), kept there otherwise. Safe off the main thread."""
    try:
        key = page_data_key(dataset)
    except OSError:                      # the file or the code is gone: nothing to key on
        key = None
    data = page_cache.get_data(key) if key else None
    if data is None:
        data = page_data_bytes(dataset)
        if key and settled(dataset.file_stamp[2]):
            page_cache.put_data(key, data)
    return data


def script_safe_bytes(data: bytes) -> bytes:
    """JSON bytes made safe inside a ``<script>`` element (their meaning unchanged: only escapes are added):
    no ``<``, ``>`` or ``&`` that could end the element or start markup, no U+2028/U+2029."""
    return (data.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")
            .replace("\u2028".encode(), b"\\u2028").replace("\u2029".encode(), b"\\u2029"))
