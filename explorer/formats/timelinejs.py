"""TimelineJS JSON (``{"title", "events", "eras"}``) read into our document.

Each slide in ``events`` becomes an event (see :mod:`explorer.formats.slides` for the mapping); the ``title``
slide gives the dataset's title and description; ``eras`` become eras (their headline is the name). TimelineJS
has no places: events open without one (on the timeline, not the map), unless a slide carries a
``location {name, lat, lon}`` as StoryMapJS slides do."""

from __future__ import annotations

from explorer.formats.document import Conversion, DocumentBuilder, Origin
from explorer.formats.edtf import from_parts
from explorer.formats.html_text import as_text, html_to_text
from explorer.formats.report import ERROR, INFO, ImportReport
from explorer.formats.slides import Slide, add_slide

FORMAT = "TimelineJS JSON"
FIELDS = {"date": "start_date", "end_date": "end_date", "title": "text.headline", "summary": "text.text",
          "media": "media", "id": "unique_id", "display_date": "display_date", "kind": "group",
          "place": "location", "sources": "text.text"}
_TIME_KEYS = ("hour", "minute", "second", "millisecond")


def looks_like(obj) -> bool:
    """A TimelineJS document: an object whose ``events`` are slides with ``start_date`` objects."""
    if not isinstance(obj, dict) or not isinstance(obj.get("events"), list) or "dataset" in obj:
        return False
    slides = [e for e in obj["events"] if isinstance(e, dict)]
    return not slides or any(isinstance(e.get("start_date"), dict) or "text" in e for e in slides)


def _parts(date) -> tuple:
    if not isinstance(date, dict):
        return (None, None, None)
    return date.get("year"), date.get("month"), date.get("day")


def _text(obj) -> tuple[str, str]:
    text = obj.get("text") if isinstance(obj, dict) else None
    if not isinstance(text, dict):
        return "", ""
    return as_text(text.get("headline")) or "", as_text(text.get("text")) or ""


def slide_from(raw: dict) -> Slide:
    """The parts of a TimelineJS slide we read."""
    headline, text = _text(raw)
    media = raw.get("media") if isinstance(raw.get("media"), dict) else {}
    location = raw.get("location") if isinstance(raw.get("location"), dict) else {}
    start, end = raw.get("start_date"), raw.get("end_date")
    display = raw.get("display_date") or (start.get("display_date") if isinstance(start, dict) else None)
    dropped = []
    if any(isinstance(d, dict) and any(d.get(k) not in (None, "") for k in _TIME_KEYS) for d in (start, end)):
        dropped.append("the time of day")
    if raw.get("background"):
        dropped.append("the slide background")
    return Slide(start=_parts(start), end=_parts(end), display_date=display, headline=headline, text=text,
                 media_url=media.get("url"), media_caption=media.get("caption"), media_credit=media.get("credit"),
                 group=raw.get("group"), unique_id=raw.get("unique_id"), place=location.get("name"),
                 lat=location.get("lat"), lon=location.get("lon"), dropped=dropped)


def convert(obj: dict, file: str, report: ImportReport, text: str | None = None) -> Conversion:
    """Our document from a parsed TimelineJS JSON object."""
    report.format = FORMAT
    builder = DocumentBuilder(file, FORMAT, report)
    title = obj.get("title")
    if isinstance(title, dict):
        headline, body = _text(title)
        builder.title = html_to_text(headline, inline=True).text or None
        builder.description = html_to_text(body).text or None
    if obj.get("scale") == "cosmological":
        report.add("the cosmological scale is not supported; years must be 1 to 9999", ERROR, field="scale")
    for i, raw in enumerate(obj["events"]):
        path = f"events[{i}]"
        origin = Origin(path=path, fields=FIELDS, json_path=("events", i))
        if not isinstance(raw, dict):
            report.add("a slide must be an object", ERROR, path=path)
            continue
        add_slide(builder, slide_from(raw), origin, path)
    for i, era in enumerate(obj["eras"] if isinstance(obj.get("eras"), list) else []):
        path = f"eras[{i}]"
        if not isinstance(era, dict):
            report.add("an era must be an object", ERROR, path=path)
            continue
        name = html_to_text(_text(era)[0], inline=True).text
        builder.add_era({"name": name, "start": from_parts(*_parts(era.get("start_date"))),
                         "end": from_parts(*_parts(era.get("end_date")))},
                        Origin(path=path, json_path=("eras", i),
                               fields={"name": "text.headline", "start": "start_date", "end": "end_date"}))
    if not builder.places and builder.events:
        report.add("TimelineJS has no places: the events are on the timeline, not on the map", INFO)
    return builder.build(text)
