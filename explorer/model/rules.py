"""The data format's rule set: every item, its fields, their types, and what each becomes.

This is the single source of truth for the format (docs/data-format.md describes it for people): the
checker (``checker.py``) walks a parsed document with these rules, and ``schema.py`` generates
``dataset.schema.json`` from them. An item (``Obj``) is its fields, the value object it builds, and the
checks that need more than one of its fields. Rules that need more than one item (unique ids, references,
link cycles) are in ``references.py``.
"""

from __future__ import annotations

from explorer.model.dataset import KINDS, Era, Event, Link, Media, Party, Place, Signatory, Source, View
from explorer.model.relations import RELATIONS
from explorer.model.rule_types import (
    AnyString, Bool, Choice, Colour, Date, Field, Id, ListOf, Number, Obj, One, Pair, Rule, Text, Translations, Url,
    show,
)

TEXT, TEXTS = Text(), ListOf(Text())
DATE = Date()


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


def _ends_after_start(start_field: str, end_field: str):
    def check(values: dict, report) -> None:
        start, end = values.get(start_field), values.get(end_field)
        if start is not None and end is not None and end.end < start.start:
            report(f"ends ({end}) before it starts ({start})", end_field)
    check.__doc__ = f"``{end_field}`` is not before ``{start_field}``."
    return check


def _translations_match_english(values: dict, report) -> None:
    """A translated field exists in English too; translated key points are as many as the English ones."""
    for language, texts in (values.get("translations") or {}).items():
        for name, text in texts.items():
            english = values.get(name)
            if english is None or english == "":
                report(f"translates '{name}', which the item does not have in English",
                       f"translations.{language}.{name}")
            elif isinstance(text, tuple) and len(text) != len(english):
                report(f"has {len(text)} key points, the English text {len(english)}",
                       f"translations.{language}.{name}")


def _build_era(v: dict) -> Era:
    return Era(v["name"], v["start"].start, v["end"].end, v.get("color", "#dddddd"), v.get("translations") or {})


def _build_view(v: dict) -> View:
    return View(v["center"], v["zoom"], v["date"].start)


ERA = Obj("era", [
    Field("name", TEXT, True, "shown on the timeline"),
    Field("start", DATE, True, "first day (the earliest day of the date)"),
    Field("end", DATE, True, "last day (the latest day of the date)"),
    Field("color", Colour(), False, "#rgb or #rrggbb"),
    Field("translations", Translations("name")),
], build=_build_era, checks=(_ends_after_start("start", "end"),))

DEFAULT_VIEW = Obj("default view", [
    Field("center", Pair(Number(-90, 90), Number(-180, 180), "[latitude, longitude]"), True),
    Field("zoom", Number(0, 20), True),
    Field("date", Date(day_only=True), True, "a full day YYYY-MM-DD"),
], build=_build_view)

DATASET = Obj("dataset", [
    Field("title", TEXT, True, "shown in the window title and captions"),
    Field("description", TEXT, True, "one paragraph, shown before anything is selected"),
    Field("default_view", DEFAULT_VIEW, True, "where the window opens the first time"),
    Field("eras", ListOf(ERA, items_named=_labelled("era", "name")), False, "bands on the timeline"),
    Field("credits", TEXTS, False, "who wrote the texts, where the data comes from"),
    Field("translations", Translations("title", "description")),
], partial=True)

PARTY = Obj("party", [
    Field("name", TEXT, True, "as used in events[].parties"),
    Field("renamed_to", TEXT, False, "the name of the same state under its later name"),
    Field("translations", Translations("name")),
], build=lambda v: Party(v["name"], v.get("renamed_to"), v.get("translations") or {}))


def _build_place(v: dict) -> Place:
    capital_of = v.get("capital_of", ())
    return Place(v["id"], v["name"], v["lat"], v["lon"], v["country"], v.get("historical_name"),
                 v.get("capital", False) or bool(capital_of), capital_of, v.get("translations") or {})


PLACE = Obj("place", [
    Field("id", Id("brest-litovsk"), True, "stable lower-case id"),
    Field("name", TEXT, True, "today's name"),
    Field("historical_name", TEXT, False, "name at the time"),
    Field("lat", Number(-90, 90), True, "WGS84 latitude"),
    Field("lon", Number(-180, 180), True, "WGS84 longitude"),
    Field("country", TEXT, True, "the state the place belonged to at the time (a fallback)"),
    Field("capital", Bool(), False, "a capital at the time"),
    Field("capital_of", TEXTS, False, "the party names this capital stands for"),
    Field("translations", Translations("name", "historical_name", "country")),
], build=_build_place, checks=(_translations_match_english,))

SIGNATORY = Obj("signatory", [
    Field("name", TEXT, True),
    Field("office", TEXT, False),
    Field("party", TEXT, False, "a party name"),
    Field("translations", Translations("office")),
], build=lambda v: Signatory(v["name"], v.get("office", ""), v.get("party"), v.get("translations") or {}),
    checks=(_translations_match_english,))

SOURCE = Obj("source", [
    Field("citation", TEXT, True, "Author, Title (Publisher, Year), pages"),
    Field("url", Url(), False, "http or https only"),
    Field("note", TEXT, False, "e.g. where sources disagree"),
], build=lambda v: Source(v["citation"], v.get("url"), v.get("note")))

MEDIA = Obj("media item", [
    Field("url", Url(), True, "a picture or document elsewhere (never loaded by the app)"),
    Field("caption", TEXT, False),
    Field("credit", TEXT, False),
], build=lambda v: Media(v["url"], v.get("caption"), v.get("credit")))


def _build_event(v: dict) -> Event:
    return Event(v["id"], v["title"], v["kind"], v["date"], v.get("place"), v["summary"], tuple(v["sources"]),
                 v.get("end_date"), v.get("date_note"), v["parties"], tuple(v.get("signatories", ())),
                 v.get("key_points", ()), v.get("significance", ""), v.get("tags", ()),
                 v.get("translations") or {}, v.get("display_date"), v.get("place_state"),
                 tuple(v.get("media", ())))


EVENT = Obj("event", [
    Field("id", Id("rapallo-1922"), True, "stable id; never reuse one"),
    Field("title", TEXT, True),
    Field("kind", Choice("kind", KINDS), True),
    Field("date", DATE, True, "EDTF; the first day it can mean decides when the event appears on the map"),
    Field("end_date", DATE, False, "must not be before date"),
    Field("display_date", TEXT, False, "shown instead of the computed date label"),
    Field("date_note", TEXT, False, "where sources disagree or the date is uncertain"),
    Field("place", Id("genoa"), False, "a place id; without one the event is not on the map"),
    Field("place_state", TEXT, False, "the state the place belonged to on the event's date"),
    Field("parties", TEXTS, True, "states party to it (may be empty)"),
    Field("signatories", ListOf(SIGNATORY), False),
    Field("summary", TEXT, True, "two or three sentences in our own words"),
    Field("key_points", TEXTS, False),
    Field("significance", TEXT, False),
    Field("sources", ListOf(SOURCE, 1, empty_message="every event needs at least one source {citation, url}"),
          True),
    Field("media", ListOf(MEDIA), False),
    Field("tags", TEXTS, False),
    Field("translations", Translations("title", "summary", "key_points", "significance", "date_note",
                                       "display_date", "place_state")),
], build=_build_event, checks=(_ends_after_start("date", "end_date"), _translations_match_english))

LINK = Obj("link", [
    Field("from", Id("genoa-1922"), True, "event id"),
    Field("to", Id("rapallo-1922"), True, "event id"),
    Field("relation", Choice("relation", RELATIONS), True, "read \"from relation to\""),
    Field("note", TEXT, True, "one line explaining the link"),
    Field("translations", Translations("note")),
], build=lambda v: Link(v["from"], v["to"], v["relation"], v["note"], v.get("translations") or {}),
    checks=(_translations_match_english,))

DOCUMENT = Obj("top level", [
    Field("$schema", AnyString(), False, "may name the schema file"),
    Field("format", One(), False, "the format version: 1"),
    Field("dataset", DATASET, True),
    Field("places", ListOf(PLACE, items_named=_labelled("place", "id")), True, "may be empty"),
    Field("events", ListOf(EVENT, items_named=_labelled("event", "id")), True),
    Field("links", ListOf(LINK, items_named=_link_name), False),
    Field("parties", ListOf(PARTY, items_named=_labelled("party", "name")), False, "names, renames, translations"),
], partial=True)

#: Shared definitions in the schema, by name.
DEFINITIONS: dict[str, Rule] = {"text": TEXT, "id": Id(), "date": DATE, "day": Date(day_only=True),
                                "colour": Colour(), "url": Url()}


#: How the elements of each top-level list are named in messages.
ITEM_NAMES = {"places": _labelled("place", "id"), "events": _labelled("event", "id"), "links": _link_name,
              "parties": _labelled("party", "name")}


def item_name(root, path: tuple) -> str:
    """The words naming the item ``path`` is in, as the checker names it: ``event 'rapallo-1922'``."""
    from explorer.model.problems import item_path

    where = item_path(path)
    try:
        if len(where) == 2:
            return ITEM_NAMES[where[0]](root[where[0]][where[1]], where[1])
        if len(where) == 3:
            return _labelled("era", "name")(root["dataset"]["eras"][where[2]], where[2])
    except (KeyError, IndexError, TypeError):
        return f"{where[0]} {where[-1] + 1}"
    return "dataset" if where else "top level"
