"""The TimelineJS Google-Sheet template, downloaded as CSV or XLSX, read into our document.

Columns (as in the template): ``Year, Month, Day, Time, End Year, End Month, End Day, End Time, Display Date,
Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail, Type, Group, Background``, and the
optional ``Place``, ``Latitude``, ``Longitude`` that this app adds (and ``Country``, a hint for resolving
the place name, and ``Parties``, one per line or separated by ";"). A row whose ``Type`` is ``title`` gives the dataset's title and description; ``era`` rows are
eras; every other row is an event (see :mod:`explorer.formats.slides`). Rows are numbered as the spreadsheet
shows them (the header is row 1)."""

from __future__ import annotations

from explorer.formats.document import Conversion, DocumentBuilder, Origin
from explorer.formats.edtf import from_parts
from explorer.formats.html_text import html_to_text
from explorer.formats.report import INFO, ImportReport
from explorer.formats.slides import Slide, add_slide
from explorer.formats.tables import Table

COLUMNS = ("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
           "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group",
           "Background")
EXTRA_COLUMNS = ("Place", "Latitude", "Longitude", "Country", "Parties")
FIELDS = {"date": "Year", "end_date": "End Year", "title": "Headline", "summary": "Text", "media": "Media",
          "display_date": "Display Date", "kind": "Group", "place": "Place", "sources": "Text", "id": "Headline",
          "parties": "Parties"}


def looks_like(table: Table) -> bool:
    """The template's header: at least ``Year`` and ``Headline``."""
    keys = set(table.keys)
    return {"year", "headline"} <= keys


def _value(record: dict, key: str):
    value = record.get(key)
    return value.strip() if isinstance(value, str) else value


def convert(table: Table, file: str, report: ImportReport, format_name: str) -> Conversion:
    """Our document from the template's rows."""
    report.format = format_name
    builder = DocumentBuilder(file, format_name, report)
    times = backgrounds = 0
    lat_key = "latitude" if "latitude" in table.keys else "lat"
    lon_key = "longitude" if "longitude" in table.keys else "lon" if "lon" in table.keys else "lng"
    for number, r in table.records():
        kind = str(_value(r, "type") or "").casefold()
        sheet = table.name or None
        if kind == "title":
            builder.title = html_to_text(str(_value(r, "headline") or ""), inline=True).text or None
            builder.description = html_to_text(str(_value(r, "text") or "")).text or None
            continue
        if kind == "era":
            origin = Origin(row=number, sheet=sheet, fields={"name": "Headline", "start": "Year", "end": "End Year"})
            builder.add_era({"name": html_to_text(str(_value(r, "headline") or ""), inline=True).text,
                             "start": from_parts(_value(r, "year"), _value(r, "month"), _value(r, "day")),
                             "end": from_parts(_value(r, "end_year"), _value(r, "end_month"), _value(r, "end_day"))},
                            origin)
            continue
        times += bool(_value(r, "time") or _value(r, "end_time"))
        backgrounds += bool(_value(r, "background"))
        slide = Slide(
            start=(_value(r, "year"), _value(r, "month"), _value(r, "day")),
            end=(_value(r, "end_year"), _value(r, "end_month"), _value(r, "end_day")),
            display_date=_str(_value(r, "display_date")), headline=_str(_value(r, "headline")) or "",
            text=_str(_value(r, "text")) or "", media_url=_str(_value(r, "media")),
            media_caption=_str(_value(r, "media_caption")), media_credit=_str(_value(r, "media_credit")),
            group=_str(_value(r, "group")), place=_str(_value(r, "place")), lat=_value(r, lat_key),
            lon=_value(r, lon_key), country=_str(_value(r, "country")), parties=_str(_value(r, "parties")))
        add_slide(builder, slide, Origin(row=number, sheet=sheet, fields=FIELDS), f"row {number}")
    if times:
        report.add(f"{times} row(s) give a time of day; only the date is kept", INFO)
    if backgrounds:
        report.add(f"{backgrounds} row(s) give a slide background; it is not kept", INFO)
    return builder.build()


def _str(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)
