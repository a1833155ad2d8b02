"""One TimelineJS-style slide (from TimelineJS JSON, the TimelineJS sheet or StoryMapJS) made into our event.

Mapping: the headline is the title; the text is the summary (HTML made plain, its http(s) links become
sources); start and end dates become ``date`` and ``end_date`` in EDTF with the precision given (a year only
stays a year); ``display_date`` is kept; the media URL (http or https only) with its caption and credit becomes
a ``media`` entry; a group that names one of our kinds (``Treaty``) is the kind, any other group a tag;
``unique_id`` is the id where it is one of ours (else it is made from the headline and year); a place name
and/or coordinates become a place (names resolved offline)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from explorer.formats import edtf
from explorer.formats.document import KINDS, DocumentBuilder, Origin, slug
from explorer.formats.html_text import as_text, html_to_text, is_http_url
from explorer.formats.report import WARNING

_ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_SRC_RE = re.compile(r"""(?:src|href)\s*=\s*["']?(https?://[^"'\s>]+)""", re.IGNORECASE)


@dataclass
class Slide:
    """The parts of a slide that we read, as the source gave them (text still HTML)."""

    start: tuple = (None, None, None)
    end: tuple = (None, None, None)
    date_text: str | None = None          # a written date (StoryMapJS) instead of parts
    display_date: str | None = None
    headline: str = ""
    text: str = ""
    media_url: str | None = None
    media_caption: str | None = None
    media_credit: str | None = None
    group: str | None = None
    unique_id: str | None = None
    place: str | None = None
    lat: object = None
    lon: object = None
    country: str | None = None
    parties: str | None = None        # an extra sheet column: party names, one per line or separated by ";"
    dropped: list[str] = field(default_factory=list)   # source fields we do not keep (Time, Background …)


def add_slide(builder: DocumentBuilder, slide: Slide, origin: Origin, hint: str) -> dict:
    """Convert ``slide`` and add it to ``builder``; report what its HTML or media lost. Returns the event."""
    report, where = builder.report, origin.where()
    for name in ("date_text", "display_date", "headline", "text", "media_url", "media_caption", "media_credit",
                 "group", "unique_id", "place", "country", "parties"):
        setattr(slide, name, as_text(getattr(slide, name)))
    event: dict = {}
    title = html_to_text(slide.headline or "", inline=True)
    body = html_to_text(slide.text or "")
    _note_dropped(builder, origin, "title", title.dropped)
    _note_dropped(builder, origin, "summary", body.dropped)
    if slide.unique_id and _ID_RE.match(str(slide.unique_id)):
        event["id"] = str(slide.unique_id)
    elif slide.unique_id:
        event["id"] = builder.unique_id("events", slug(str(slide.unique_id), "event"))
    event["title"] = title.text or body.text.split("\n")[0][:80]
    group = html_to_text(slide.group or "", inline=True).text
    if group and group.casefold() in KINDS:
        event["kind"] = group.casefold()
    if slide.date_text is not None:
        read = edtf.from_text(slide.date_text)
        event["date"] = read or edtf.as_given(slide.date_text)
        if not read:
            event["display_date"] = edtf.as_given(slide.date_text)
    else:
        event["date"] = edtf.from_parts(*slide.start)
    end = edtf.from_parts(*slide.end)
    if end:
        event["end_date"] = end
    if slide.display_date:
        event["display_date"] = html_to_text(str(slide.display_date), inline=True).text
    event["summary"] = body.text
    sources = [{"citation": link.text, "url": link.url} for link in _unique(body.links + title.links)]
    if sources:
        event["sources"] = sources
    media = _media(builder, slide, origin)
    if media:
        event["media"] = [media]
    if group and "kind" not in event:
        event["tags"] = [group]
    if slide.parties:
        names = re.split(r"[;\n]", html_to_text(slide.parties).text)
        event["parties"] = [n.strip() for n in names if n.strip()]
    place = builder.add_place(origin, name=html_to_text(slide.place or "", inline=True).text,
                              lat=slide.lat, lon=slide.lon, country=slide.country)
    if place:
        event["place"] = place
    for what in slide.dropped:
        report.add(f"{what} is not kept", "info", **where)
    return builder.add_event(event, origin, source_hint=hint)


def _media(builder: DocumentBuilder, slide: Slide, origin: Origin) -> dict | None:
    url = (slide.media_url or "").strip()
    if not url:
        return None
    if not is_http_url(url):
        found = _SRC_RE.search(url)      # markup (an <iframe> or <blockquote>): its http(s) target only
        if found:
            url = found.group(1)
        else:
            builder.report.add(f"media {url[:60]!r} is not an http(s) link; left out", WARNING,
                               field=origin.fields.get("media"), **origin.where())
            return None
    media = {"url": url}
    for key, value in (("caption", slide.media_caption), ("credit", slide.media_credit)):
        text = html_to_text(str(value or ""), inline=True).text
        if text:
            media[key] = text
    return media


def _note_dropped(builder: DocumentBuilder, origin: Origin, our_field: str, dropped: list[str]) -> None:
    if dropped:
        shown = ", ".join(dict.fromkeys(dropped))
        builder.report.add(f"markup left out (only the text is kept): {shown}", WARNING,
                           field=origin.source_field(our_field), **origin.where())


def _unique(links):
    seen, out = set(), []
    for link in links:
        if link.url not in seen:
            seen.add(link.url)
            out.append(link)
    return out
