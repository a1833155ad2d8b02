"""The data format's rule set: every item, its fields, their types, and what each becomes.

This is the single source of truth for the format (docs/data-format.md describes it for people): the
checker (``checker.py``) walks a parsed document with these rules, and ``schema.py`` generates
``dataset.schema.json`` from them. An item (``Obj``) is its fields, the value object it builds, and the
checks that need more than one of its fields. Rules that need more than one item (unique ids, references,
renames, link cycles) are in ``references.py``.
"""

from __future__ import annotations

from explorer.model.dataset import KINDS, Era, Event, Link, Media, Party, Place, Signatory, Source, View
from explorer.model.dates import HistDate
from explorer.model.relations import RELATIONS
from explorer.model.rule_structures import NO_TRANSLATIONS, Field, ListOf, Obj, Pair, Translations
from explorer.model.rule_types import AnyString, Bool, Choice, Colour, Date, Id, Number, One, Rule, Text, Url, show

TEXT = Text()
TEXTS = ListOf(TEXT)
DATE = Date()


def _translations(*names: str) -> Field:
    """The ``translations`` field of an item whose translatable fields are ``names``."""
    return Field("translations", Translations(*names), default=NO_TRANSLATIONS)


def _labelled(noun: str, key: str):
    """Names the elements of a top-level list in messages: ``event 'rapallo-1922'`` or ``event 3``."""
    def name(raw, i: int) -> str:
        value = raw.get(key) if type(raw) is dict else None
        if type(value) is str and value.strip():
            return f"{noun} '{show(value)}'"
        return f"{noun} {i + 1}"
    return name


def _link_name(raw, i: int) -> str:
    if type(raw) is not dict:
        return f"link {i + 1}"
    ends = [raw.get("from"), raw.get("to")]
    if all(type(e) is str for e in ends):
        return f"link {i + 1} ({show(ends[0])} → {show(ends[1])})"
    return f"link {i + 1}"


#: How the elements of each top-level list (and the eras) are named in messages.
ITEM_NAMES = {"places": _labelled("place", "id"), "events": _labelled("event", "id"), "links": _link_name,
              "parties": _labelled("party", "name"), "eras": _labelled("era", "name")}


# --- checks that need more than one field of an item (on the built object) ------------------------------
def _not_before(start_attr: str, end_attr: str):
    """``end_attr`` is not before ``start_attr`` (dates, or days)."""
    def check(obj):
        start, end = getattr(obj, start_attr), getattr(obj, end_attr)
        if end is None:
            return None
        first = start.start if isinstance(start, HistDate) else start
        last = end.end if isinstance(end, HistDate) else end
        if last < first:
            return [(f"ends ({end}) before it starts ({start})", (end_attr,))]
        return None
    check.__doc__ = f"``{end_attr}`` is not before ``{start_attr}``."
    check.needs = (end_attr,)
    return check


def _translations_match_english(obj):
    """A translated field exists in English too; translated key points are as many as the English ones."""
    if not obj.translations:
        return None
    found = []
    for language, texts in obj.translations.items():
        for name, text in texts.items():
            english = getattr(obj, name)
            if not english:
                found.append((f"translates '{name}', which the item does not have in English",
                              ("translations", language, name)))
            elif isinstance(text, (tuple, list)) and len(text) != len(english):
                found.append((f"has {len(text)} key points, the English text {len(english)}",
                              ("translations", language, name)))
    return found


_translations_match_english.needs = ("translations",)


# --- builders: each takes its item's fields in order ----------------------------------------------------
def _build_era(name, start, end, color, translations) -> Era:
    return Era(name, start.start, end.end, color, translations)


def _build_view(center, zoom, date) -> View:
    return View(center, zoom, date.start)


def _build_place(id, name, historical_name, lat, lon, country, capital, capital_of, translations) -> Place:  # noqa: A002
    return Place(id, name, lat, lon, country, historical_name, capital or bool(capital_of), capital_of, translations)


def _build_event(id, title, kind, date, end_date, display_date, date_note, place, place_state,  # noqa: A002
                 parties, signatories, summary, key_points, significance, sources, media, tags,
                 translations) -> Event:
    return Event(id, title, kind, date, place, summary, sources, end_date, date_note, parties, signatories,
                 key_points, significance, tags, translations, display_date, place_state, media)


def _build_link(source, target, relation, note, translations) -> Link:
    return Link(source, target, relation, note, translations)


# --- the items ------------------------------------------------------------------------------------------
ERA = Obj("era", [
    Field("name", TEXT, True, "shown on the timeline"),
    Field("start", DATE, True, "first day (the earliest day of the date)"),
    Field("end", DATE, True, "last day (the latest day of the date)"),
    Field("color", Colour(), False, "#rgb or #rrggbb", default="#dddddd"),
    _translations("name"),
], build=_build_era, checks=(_not_before("start", "end"), _translations_match_english))

DEFAULT_VIEW = Obj("default view", [
    Field("center", Pair(Number(-90, 90), Number(-180, 180), "[latitude, longitude]"), True),
    Field("zoom", Number(0, 20), True),
    Field("date", Date(day_only=True), True, "a full day YYYY-MM-DD"),
], build=_build_view)

DATASET = Obj("dataset", [
    Field("title", TEXT, True, "shown in the window title and captions"),
    Field("description", TEXT, True, "one paragraph, shown before anything is selected"),
    Field("default_view", DEFAULT_VIEW, True, "where the window opens the first time"),
    Field("eras", ListOf(ERA, items_named=ITEM_NAMES["eras"]), False, "bands on the timeline"),
    Field("credits", TEXTS, False, "who wrote the texts, where the data comes from"),
    _translations("title", "description"),
], partial=True)

PARTY = Obj("party", [
    Field("name", TEXT, True, "as used in events[].parties"),
    Field("renamed_to", TEXT, False, "the name of the same state under its later name"),
    _translations("name"),
], build=Party, checks=(_translations_match_english,))

PLACE = Obj("place", [
    Field("id", Id("brest-litovsk"), True, "stable lower-case id"),
    Field("name", TEXT, True, "today's name"),
    Field("historical_name", TEXT, False, "name at the time"),
    Field("lat", Number(-90, 90), True, "WGS84 latitude"),
    Field("lon", Number(-180, 180), True, "WGS84 longitude"),
    Field("country", TEXT, True, "the state the place belonged to at the time (a fallback)"),
    Field("capital", Bool(), False, "a capital at the time", default=False),
    Field("capital_of", TEXTS, False, "the party names this capital stands for", default=()),
    _translations("name", "historical_name", "country"),
], build=_build_place, checks=(_translations_match_english,))

SIGNATORY = Obj("signatory", [
    Field("name", TEXT, True, shared=True),
    Field("office", TEXT, False, default="", shared=True),
    Field("party", TEXT, False, "a party name", shared=True),
    _translations("office"),
], build=Signatory, checks=(_translations_match_english,))

SOURCE = Obj("source", [
    Field("citation", TEXT, True, "Author, Title (Publisher, Year), pages"),
    Field("url", Url(), False, "http or https only"),
    Field("note", TEXT, False, "e.g. where sources disagree"),
], build=Source)

MEDIA = Obj("media item", [
    Field("url", Url(), True, "a picture or document elsewhere (never loaded by the app)"),
    Field("caption", TEXT, False),
    Field("credit", TEXT, False),
], build=Media)

EVENT = Obj("event", [
    Field("id", Id("rapallo-1922"), True, "stable id; never reuse one"),
    Field("title", TEXT, True),
    Field("kind", Choice("kind", KINDS), True, shared=True),
    Field("date", DATE, True, "EDTF; the first day it can mean decides when the event appears on the map"),
    Field("end_date", DATE, False, "must not be before date"),
    Field("display_date", TEXT, False, "shown instead of the computed date label"),
    Field("date_note", TEXT, False, "where sources disagree or the date is uncertain", shared=True),
    Field("place", Id("genoa"), False, "a place id; without one the event is not on the map", shared=True),
    Field("place_state", TEXT, False, "the state the place belonged to on the event's date", shared=True),
    Field("parties", TEXTS, True, "states party to it (may be empty)", shared=True),
    Field("signatories", ListOf(SIGNATORY), False, default=()),
    Field("summary", TEXT, True, "two or three sentences in our own words"),
    Field("key_points", TEXTS, False, default=(), shared=True),
    Field("significance", TEXT, False, default="", shared=True),
    Field("sources", ListOf(SOURCE, 1, empty_message="every event needs at least one source {citation, url}"),
          True),
    Field("media", ListOf(MEDIA), False, default=()),
    Field("tags", TEXTS, False, default=(), shared=True),
    _translations("title", "summary", "key_points", "significance", "date_note", "display_date", "place_state"),
], build=_build_event, checks=(_not_before("date", "end_date"), _translations_match_english))

LINK = Obj("link", [
    Field("from", Id("genoa-1922"), True, "event id", arg="source"),
    Field("to", Id("rapallo-1922"), True, "event id", arg="target"),
    Field("relation", Choice("relation", RELATIONS), True, "read \"from relation to\"", shared=True),
    Field("note", TEXT, True, "one line explaining the link"),
    _translations("note"),
], build=_build_link, checks=(_translations_match_english,))

DOCUMENT = Obj("top level", [
    Field("$schema", AnyString(), False, "may name the schema file"),
    Field("format", One(), False, "the format version: 1"),
    Field("dataset", DATASET, True, item="dataset"),
    Field("places", ListOf(PLACE, items_named=ITEM_NAMES["places"]), True, "may be empty"),
    Field("events", ListOf(EVENT, items_named=ITEM_NAMES["events"]), True),
    Field("links", ListOf(LINK, items_named=ITEM_NAMES["links"]), False),
    Field("parties", ListOf(PARTY, items_named=ITEM_NAMES["parties"]), False, "names, renames, translations"),
], partial=True)

#: Shared definitions in the schema, by name.
DEFINITIONS: dict[str, Rule] = {"text": TEXT, "id": Id(), "date": DATE, "day": Date(day_only=True),
                                "colour": Colour(), "url": Url()}


def item_name(root, path: tuple) -> str:
    """The words naming the item ``path`` is in, as the checker names it: ``event 'rapallo-1922'``."""
    from explorer.model.problems import item_path

    where = item_path(path)
    if not where:
        return "top level"
    if where == ("dataset",):
        return "dataset"
    try:
        element = root[where[0]][where[1]] if len(where) == 2 else root["dataset"]["eras"][where[2]]
    except (KeyError, IndexError, TypeError):
        element = None
    return ITEM_NAMES[where[0] if len(where) == 2 else "eras"](element, where[-1])


__all__ = ["DATASET", "DEFINITIONS", "DOCUMENT", "EVENT", "ITEM_NAMES", "LINK", "PLACE", "item_name"]
