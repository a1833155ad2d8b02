"""StoryMapJS JSON (``{"storymap": {"slides": [...]}}``) read into our document.

The overview slide (``type: "overview"``, else the first slide when it has no date) is the dataset's title
and description, not an event. Every other slide is an event: its ``date`` is free text (``16 April 1922``,
``c. 1925``, ``1922-04-16``) read into EDTF, and kept as the display date when it cannot be read; its
``location {lat, lon}`` is its place, named by ``location.name`` or after the nearest town. Text is HTML,
made plain as for TimelineJS. The story's slide order is not kept: our timeline orders events by date."""

from __future__ import annotations

from explorer.formats.document import Conversion, DocumentBuilder, Origin
from explorer.formats.html_text import as_text, html_to_text
from explorer.formats.report import ERROR, ImportReport
from explorer.formats.slides import Slide, add_slide

FORMAT = "StoryMapJS JSON"
FIELDS = {"date": "date", "title": "text.headline", "summary": "text.text", "media": "media",
          "place": "location", "sources": "text.text", "id": "text.headline"}


def looks_like(obj) -> bool:
    """A StoryMapJS document: ``storymap.slides`` is a list."""
    return isinstance(obj, dict) and isinstance(obj.get("storymap"), dict) and \
        isinstance(obj["storymap"].get("slides"), list)


def convert(obj: dict, file: str, report: ImportReport, text: str | None = None) -> Conversion:
    """Our document from a parsed StoryMapJS object."""
    report.format = FORMAT
    builder = DocumentBuilder(file, FORMAT, report)
    slides = obj["storymap"]["slides"]
    for i, raw in enumerate(slides):
        path = f"storymap.slides[{i}]"
        if not isinstance(raw, dict):
            report.add("a slide must be an object", ERROR, path=path)
            continue
        text_obj = raw.get("text") if isinstance(raw.get("text"), dict) else {}
        headline, body = as_text(text_obj.get("headline")) or "", as_text(text_obj.get("text")) or ""
        overview = raw.get("type") == "overview" or (i == 0 and not raw.get("date") and builder.title is None
                                                     and not any(s.get("type") == "overview" for s in slides
                                                                 if isinstance(s, dict)))
        if overview:
            builder.title = html_to_text(headline, inline=True).text or None
            builder.description = html_to_text(body).text or None
            continue
        location = raw.get("location") if isinstance(raw.get("location"), dict) else {}
        media = raw.get("media") if isinstance(raw.get("media"), dict) else {}
        date = raw.get("date")
        slide = Slide(date_text=as_text(date) or None, headline=headline, text=body,
                      media_url=media.get("url"), media_caption=media.get("caption"),
                      media_credit=media.get("credit"), place=location.get("name"), lat=location.get("lat"),
                      lon=location.get("lon"))
        origin = Origin(path=path, fields=FIELDS, json_path=("storymap", "slides", i))
        add_slide(builder, slide, origin, path)     # a slide without a date is reported by the loader
    return builder.build(text)
