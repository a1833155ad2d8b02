"""Our document written for other tools: TimelineJS JSON, KML (Google Earth) and GeoJSON with links.

All three work from the checked document dict (what the loader accepted), so every field is at hand.

- **TimelineJS**: one slide per event. Dates become TimelineJS date objects at the precision we know (a
  year stays a year); an uncertain, approximate or "one of" date gets a ``display_date`` in words ("about
  1925", "between 1925 and 1926") unless the event has its own. Text is our plain text made into escaped HTML
  paragraphs, with key points as a list, the significance, the place, and the sources as links. The first
  media entry is the slide's media. ``group`` is the kind, ``unique_id`` the id, eras are eras. TimelineJS has
  no places or links beyond that. :func:`timelinejs_problems` checks the result against the structure its
  documentation gives (``timelinejs.schema.json``) and the rules a schema cannot say.
- **KML**: a placemark per event with a place, with ``TimeStamp`` (one date, at its precision) or
  ``TimeSpan`` (an end date, an interval, or the possible span of an uncertain date); links are lines between
  the two events' places, from the later event's date on. Texts are escaped so Google Earth shows them as text.
- **GeoJSON**: a Point feature per event (``geometry: null`` for an event without a place) with our fields as
  properties, and a LineString feature per link between the two places; it reads back with ``explorer import``.
"""

from __future__ import annotations

import calendar
import html
import json
from functools import lru_cache

from explorer.formats import edtf
from explorer.resources import package_file


# --- TimelineJS ----------------------------------------------------------------------------------------
def _tl_date(value: str | None, last: bool = False) -> dict | None:
    b = edtf.bounds(value) if value else None
    p = edtf.parts(b[1] if last else b[0]) if b else None
    if p is None:
        return None
    year, month, day, _ = p
    out = {"year": year}
    if month:
        out["month"] = month
    if day:
        out["day"] = day
    return out


def _uncertain(value: str) -> bool:
    return value[-1:] in "~?%" or value.startswith("[") or "XX" in value


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in text.split("\n\n") if p.strip())


def _slide_text(event: dict, places: dict) -> str:
    parts = [_paragraphs(event.get("summary") or "")]
    if event.get("key_points"):
        parts.append("<ul>" + "".join(f"<li>{html.escape(k)}</li>" for k in event["key_points"]) + "</ul>")
    if event.get("significance"):
        parts.append(_paragraphs(event["significance"]))
    place = places.get(event.get("place"))
    if place:
        name = place.get("historical_name") or place["name"]
        parts.append(f"<p><em>{html.escape(name)}, {html.escape(place['country'])}</em></p>")
    if event.get("date_note"):
        parts.append(f"<p><em>{html.escape(event['date_note'])}</em></p>")
    sources = []
    for s in event.get("sources") or []:
        cite = html.escape(s["citation"])
        sources.append(f'<a href="{html.escape(s["url"], quote=True)}">{cite}</a>' if s.get("url") else cite)
    if sources:
        parts.append("<p>Sources: " + "; ".join(sources) + "</p>")
    return "".join(parts)


def to_timelinejs(doc: dict) -> dict:
    """TimelineJS 3 JSON for our document."""
    head = doc["dataset"]
    places = {p["id"]: p for p in doc.get("places", [])}
    events = []
    for e in doc.get("events", []):
        slide = {"start_date": _tl_date(e["date"]), "unique_id": e["id"],
                 "text": {"headline": html.escape(e["title"]), "text": _slide_text(e, places)},
                 "group": e["kind"].capitalize()}
        end = e.get("end_date") or (e["date"] if "/" in e["date"] else None)
        if end:
            slide["end_date"] = _tl_date(end, last=True)
        if e.get("display_date"):
            slide["display_date"] = e["display_date"]
        elif _uncertain(e["date"]):
            slide["display_date"] = edtf.label(e["date"])
        media = (e.get("media") or [None])[0]
        if media:
            slide["media"] = {"url": media["url"], **{k: html.escape(media[k]) for k in ("caption", "credit")
                                                       if media.get(k)}}
        events.append(slide)
    out = {"title": {"text": {"headline": html.escape(head["title"]),
                              "text": _paragraphs(head.get("description") or "")}},
           "events": events}
    eras = [{"start_date": _tl_date(era["start"]), "end_date": _tl_date(era["end"], last=True),
             "text": {"headline": html.escape(era["name"])}} for era in head.get("eras") or []]
    if eras:
        out["eras"] = eras
    return out


@lru_cache(maxsize=1)
def timelinejs_schema() -> dict:
    """The TimelineJS structure, written down from its documentation."""
    return json.loads(package_file("formats", "timelinejs.schema.json").read_text(encoding="utf-8"))


def timelinejs_problems(obj: dict) -> list[str]:
    """What in ``obj`` TimelineJS would not accept: the schema, unique ``unique_id``s, real calendar dates."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(timelinejs_schema())
    problems = [f"{'/'.join(str(p) for p in err.absolute_path) or '(top)'}: {err.message}"
                for err in validator.iter_errors(obj)]
    seen: set[str] = set()
    for i, slide in enumerate(obj.get("events") or []):
        uid = slide.get("unique_id") if isinstance(slide, dict) else None
        if uid in seen:
            problems.append(f"events/{i}/unique_id: '{uid}' is used twice")
        seen.add(uid)
        for key in ("start_date", "end_date"):
            d = slide.get(key) if isinstance(slide, dict) else None
            if isinstance(d, dict) and isinstance(d.get("day"), int) and isinstance(d.get("month"), int):
                if 1 <= d["month"] <= 12 and d["day"] > calendar.monthrange(d["year"], d["month"])[1]:
                    problems.append(f"events/{i}/{key}: {d} is not a calendar date")
    return problems


# --- KML -----------------------------------------------------------------------------------------------
def _kml_when(value: str, last: bool = False) -> str | None:
    b = edtf.bounds(value)
    p = edtf.parts(b[1] if last else b[0]) if b else None
    if p is None:
        return None
    year, month, day, _ = p
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")


def to_kml(doc: dict) -> str:
    """KML for Google Earth: placemarks with TimeStamp or TimeSpan, and the links as lines."""
    import simplekml

    head = doc["dataset"]
    places = {p["id"]: p for p in doc.get("places", [])}
    kml = simplekml.Kml(name=head["title"])
    kml.document.description = html.escape(head.get("description") or "")
    folder = kml.newfolder(name="Events")
    by_id = {e["id"]: e for e in doc.get("events", [])}
    for e in doc.get("events", []):
        place = places.get(e.get("place"))
        if place is None:
            continue
        pm = folder.newpoint(name=e["title"], coords=[(place["lon"], place["lat"])])
        pm.description = _paragraphs(e.get("summary") or "")   # escaped: Google Earth renders descriptions as HTML
        begin, end = _kml_when(e["date"]), _kml_when(e.get("end_date") or e["date"], last=True)
        if begin and end and begin != end:
            pm.timespan.begin, pm.timespan.end = begin, end
        elif begin:
            pm.timestamp.when = begin
        pm.extendeddata.newdata("id", e["id"])
        pm.extendeddata.newdata("kind", e["kind"])
        pm.extendeddata.newdata("date", e["date"])
        if e.get("parties"):
            pm.extendeddata.newdata("parties", "; ".join(e["parties"]))
        pm.extendeddata.newdata("place", place.get("historical_name") or place["name"])
    links = kml.newfolder(name="Links")
    for link in doc.get("links", []):
        a, b = by_id.get(link["from"]), by_id.get(link["to"])
        pa, pb = places.get((a or {}).get("place")), places.get((b or {}).get("place"))
        if not (pa and pb) or pa is pb:
            continue
        line = links.newlinestring(name=f"{a['title']} {link['relation'].replace('_', ' ')} {b['title']}",
                                   coords=[(pa["lon"], pa["lat"]), (pb["lon"], pb["lat"])])
        line.description = html.escape(link["note"])
        starts = [w for w in (_kml_when(a["date"]), _kml_when(b["date"])) if w]
        if starts:
            line.timespan.begin = max(starts)
        line.extendeddata.newdata("relation", link["relation"])
    return kml.kml()


# --- GeoJSON -------------------------------------------------------------------------------------------
def to_geojson(doc: dict) -> dict:
    """A FeatureCollection: event points (null geometry without a place) and link lines."""
    places = {p["id"]: p for p in doc.get("places", [])}
    features = []
    coords = {}
    for e in doc.get("events", []):
        place = places.get(e.get("place"))
        props = {k: v for k, v in e.items() if k != "place"}
        geometry = None
        if place:
            geometry = {"type": "Point", "coordinates": [place["lon"], place["lat"]]}
            coords[e["id"]] = geometry["coordinates"]
            props.update(place_id=place["id"], place_name=place["name"], country=place["country"])
            if place.get("historical_name"):
                props["place_historical_name"] = place["historical_name"]
        features.append({"type": "Feature", "id": e["id"], "geometry": geometry, "properties": props})
    for link in doc.get("links", []):
        a, b = coords.get(link["from"]), coords.get(link["to"])
        geometry = {"type": "LineString", "coordinates": [a, b]} if a and b else None
        features.append({"type": "Feature", "id": f"{link['from']}--{link['relation']}--{link['to']}",
                         "geometry": geometry, "properties": {"feature": "link", **link}})
    head = doc["dataset"]
    return {"type": "FeatureCollection", "title": head["title"], "description": head.get("description", ""),
            "features": features}
