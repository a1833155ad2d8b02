"""What search reads of an event, and how a match is shown. Free of Qt.

Every text field of an event is searched, in English and in each translation: title, summary, key points,
significance, date note, people and their offices, places, parties, tags and the notes of its links. Each
field has a weight (a word in the title counts for more than one in a link's note). Text is folded (lower
case, accents stripped) before it is split into words, so "Tschitscherin", "tschitscherin" and
"Tschítscherin" are one word.

A match is shown as escaped text with the matched words in ``<b>``: the only markup in it is ours.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from html import escape

from explorer.model.dataset import Dataset, Event, Link

#: Field -> weight: how much a word found there says about the event. Order = preference for the snippet.
FIELD_WEIGHTS = {
    "title": 10, "person": 8, "place": 8, "party": 7, "tag": 6, "key_points": 5, "summary": 4,
    "significance": 4, "year": 9, "office": 3, "date_note": 3, "link_note": 2,
}
#: Fields that are names or short labels: shown whole, never cut into a snippet.
SHORT_FIELDS = frozenset({"title", "person", "place", "party", "tag", "office", "year"})

#: Words too common to say anything; not indexed, and dropped from a query that has other words.
STOP_WORDS = frozenset(
    "a an and as at be by for from in into is it its of on or that the this to was were with "
    "am auf aus bei das dem den der des die ein eine einem einen einer eines für im ist mit und vom von war "
    "zu zum zur".split())

WORD_RE = re.compile(r"\w+")
SNIPPET_CHARS = 110


def fold(text: str) -> str:
    """Lower-case and strip accents: 'Tschitscherin' and 'tschítscherin' fold alike, 'Straße' to 'strasse'."""
    if text.isascii():
        return text.lower()                                 # most text: no accents to strip
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words_of(text: str) -> set[str]:
    """The folded words of ``text`` that are worth indexing."""
    return {w for w in WORD_RE.findall(fold(text)) if w not in STOP_WORDS}


def links_by_event(dataset: Dataset) -> dict[str, list[Link]]:
    """Event id -> every link touching it (a link's note is about both its ends)."""
    table: dict[str, list[Link]] = {}
    for link in dataset.links:
        table.setdefault(link.source_id, []).append(link)
        table.setdefault(link.target_id, []).append(link)
    return table


def event_texts(dataset: Dataset, event: Event, links: list[Link] = ()) -> Iterator[tuple[str, str, str]]:
    """Every searchable text of ``event`` as (field, language, text), English first, then translations."""
    yield "title", "en", event.title
    for field in ("summary", "significance", "date_note"):
        if getattr(event, field):
            yield field, "en", getattr(event, field)
    for point in event.key_points:
        yield "key_points", "en", point
    for lang, texts in event.translations.items():
        for field in ("title", "summary", "significance", "date_note"):
            if texts.get(field):
                yield field, lang, texts[field]
        for point in texts.get("key_points") or ():
            yield "key_points", lang, point
    yield "year", "en", str(event.start.year)
    for signatory in event.signatories:
        yield "person", "en", signatory.name
        if signatory.office:
            yield "office", "en", signatory.office
        for lang, texts in signatory.translations.items():
            if texts.get("office"):
                yield "office", lang, texts["office"]
    place = dataset.place_of(event)
    if place is not None:
        yield "place", "en", place.name
        if place.historical_name:
            yield "place", "en", place.historical_name
        for lang, texts in place.translations.items():
            for field in ("name", "historical_name"):
                if texts.get(field):
                    yield "place", lang, texts[field]
    for name in event.parties:
        yield "party", "en", name
        for lang, texts in dataset.party(name).translations.items():
            if texts.get("name"):
                yield "party", lang, texts["name"]
    for tag in event.tags:
        yield "tag", "en", tag
    for link in links:
        yield "link_note", "en", link.note
        for lang, texts in link.translations.items():
            if texts.get("note"):
                yield "link_note", lang, texts["note"]


def marked(text: str, matches: Callable[[str], bool], cut: bool) -> tuple[str, int]:
    """``text`` as escaped HTML with each word that ``matches`` (given the folded word) in ``<b>``, and how many
    words were marked. ``cut``: long text is cut to a snippet around the first match, with ellipses."""
    spans = [(m.start(), m.end()) for m in WORD_RE.finditer(text) if matches(fold(m.group()))]
    start, end = 0, len(text)
    if cut and spans and len(text) > SNIPPET_CHARS:
        first = spans[0][0]
        start = max(0, first - SNIPPET_CHARS // 3)
        if start:
            space = text.rfind(" ", 0, start + 1)           # begin at a word, not inside one
            start = space + 1 if space >= 0 and start - space < 20 else start
        end = min(len(text), start + SNIPPET_CHARS)
        if end < len(text):                                # end after a word, not inside one
            space = text.find(" ", end)
            end = space if 0 <= space - end < 20 else max(text.rfind(" ", spans[0][1], end), spans[0][1])
    out, at = [], start
    for a, b in spans:
        if a < start or b > end:
            continue
        out.append(escape(text[at:a]))
        out.append(f"<b>{escape(text[a:b])}</b>")
        at = b
    out.append(escape(text[at:end]))
    html = "".join(out)
    return ("…" if start else "") + html + ("…" if end < len(text) else ""), sum(
        1 for a, b in spans if a >= start and b <= end)
