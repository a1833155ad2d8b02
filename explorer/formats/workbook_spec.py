"""The sheets of our own spreadsheet format and their columns: one definition for writing and reading.

A workbook has the sheets Events, Places, Links, Sources, Signatories, Media, Parties, Eras and Dataset. Lists
of short strings (parties, key points, tags, ``capital_of``, credits) are one item per line inside a cell; lists
of objects (an event's sources, signatories, media) are rows of their own sheet, tied to the event by its ID,
in order. A translation is a column of its own, the header followed by the language: ``Title (de)``,
``Key points (de)``. Dates are text in EDTF, exactly as in our JSON format."""

from __future__ import annotations

import re
from dataclasses import dataclass

TEXT, DATE, NUMBER, COORD, BOOL, LINES = "text", "date", "number", "coordinate", "bool", "lines"


@dataclass(frozen=True)
class Column:
    """One column: our field name, its header and how its cells are read."""

    key: str
    header: str
    kind: str = TEXT
    empty: object = None     # the value of an empty cell (``[]`` for a list our format requires)


@dataclass(frozen=True)
class Sheet:
    """A sheet: its name, its columns, and for child sheets the field of the event they belong to."""

    name: str
    columns: tuple[Column, ...]
    parent_field: str | None = None    # e.g. "sources": rows are the events' ``sources`` lists

    def column(self, key: str) -> Column | None:
        """The column for one of our fields."""
        return next((c for c in self.columns if c.key == key), None)


EVENTS = Sheet("Events", (
    Column("id", "ID"), Column("title", "Title"), Column("kind", "Kind"), Column("date", "Date", DATE),
    Column("end_date", "End date", DATE), Column("display_date", "Display date"), Column("date_note", "Date note"),
    Column("place", "Place"), Column("place_state", "Place state"), Column("parties", "Parties", LINES, empty=[]),
    Column("summary", "Summary"), Column("key_points", "Key points", LINES), Column("significance", "Significance"),
    Column("tags", "Tags", LINES)))
PLACES = Sheet("Places", (
    Column("id", "ID"), Column("name", "Name"), Column("historical_name", "Historical name"),
    Column("lat", "Latitude", COORD), Column("lon", "Longitude", COORD), Column("country", "Country"),
    Column("capital", "Capital", BOOL), Column("capital_of", "Capital of", LINES)))
LINKS = Sheet("Links", (Column("from", "From"), Column("to", "To"), Column("relation", "Relation"),
                        Column("note", "Note")))
SOURCES = Sheet("Sources", (Column("event", "Event"), Column("citation", "Citation"), Column("url", "URL"),
                            Column("note", "Note")), parent_field="sources")
SIGNATORIES = Sheet("Signatories", (Column("event", "Event"), Column("name", "Name"), Column("office", "Office"),
                                    Column("party", "Party")), parent_field="signatories")
MEDIA = Sheet("Media", (Column("event", "Event"), Column("url", "URL"), Column("caption", "Caption"),
                        Column("credit", "Credit")), parent_field="media")
PARTIES = Sheet("Parties", (Column("name", "Name"), Column("renamed_to", "Renamed to")))
ERAS = Sheet("Eras", (Column("name", "Name"), Column("start", "Start", DATE), Column("end", "End", DATE),
                      Column("color", "Colour")))
DATASET = Sheet("Dataset", (
    Column("title", "Title"), Column("description", "Description"),
    Column("default_view.center.0", "Map centre latitude", COORD),
    Column("default_view.center.1", "Map centre longitude", COORD),
    Column("default_view.zoom", "Map zoom", NUMBER), Column("default_view.date", "Map date", DATE),
    Column("credits", "Credits", LINES), Column("format", "Format", NUMBER), Column("$schema", "Schema")))

SHEETS = (EVENTS, PLACES, LINKS, SOURCES, SIGNATORIES, MEDIA, PARTIES, ERAS, DATASET)
CHILDREN = (SOURCES, SIGNATORIES, MEDIA)
CSV_SUFFIX = {EVENTS.name: None, **{s.name: s.name.lower() for s in SHEETS if s is not EVENTS}}

_TRANSLATION_RE = re.compile(r"^(.*\S)\s*\(([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\)$")


def translation_header(header: str, language: str) -> str:
    """``Title (de)``."""
    return f"{header} ({language})"


def split_translation(header: str) -> tuple[str, str | None]:
    """``("Title", "de")`` for ``Title (de)``; ``(header, None)`` for a plain header."""
    m = _TRANSLATION_RE.match(str(header or "").strip())
    return (m.group(1), m.group(2)) if m else (str(header or "").strip(), None)
