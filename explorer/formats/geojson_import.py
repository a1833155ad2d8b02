"""GeoJSON FeatureCollections with time properties, and Linked Places Format (LPF), read into our document.

Each feature with a time becomes an event at its geometry (a point as it is; a line or area at the mean of its
coordinates, reported). Time comes from LPF's ``when.timespans`` (``start``/``end`` with ``in``, or with
``earliest``/``latest``, which becomes the EDTF "one of" ``[earliest..latest]``; several timespans give the
first start and the last end) or from a property: ``date``, ``start``, ``start_date``, ``begin``, ``year``,
``time``, ``datetime``, ``timestamp`` (end: ``end``, ``end_date``, ``until``). The title is ``title``,
``name`` or ``label``; the text ``description``, ``summary``, ``text`` or LPF ``descriptions``; LPF
``depictions`` become media, and LPF ``names`` in other languages the place's translated names. Our own GeoJSON export reads back: its properties use our field names, and its
``LineString`` features with ``from``/``to`` are the links."""

from __future__ import annotations

import re

from explorer.formats import edtf
from explorer.formats.document import KINDS, Conversion, DocumentBuilder, Origin
from explorer.formats.html_text import html_to_text, is_http_url, plain_tree
from explorer.formats.report import ERROR, INFO, WARNING, ImportReport

FORMAT = "GeoJSON"
LPF_FORMAT = "Linked Places (LPF) GeoJSON"
START_KEYS = ("date", "start", "start_date", "begin", "year", "time", "datetime", "timestamp", "when")
END_KEYS = ("end", "end_date", "until")
TITLE_KEYS = ("title", "name", "label", "headline")
TEXT_KEYS = ("summary", "description", "text")
_OUR_LISTS = ("parties", "key_points", "tags", "signatories", "sources", "media")
_OUR_TEXTS = ("display_date", "date_note", "significance", "place_state")


def looks_like(obj) -> bool:
    """A FeatureCollection."""
    return isinstance(obj, dict) and obj.get("type") == "FeatureCollection" and isinstance(obj.get("features"), list)


def is_lpf(obj) -> bool:
    """Linked Places Format: the LPF context, or features with ``when``."""
    context = obj.get("@context") if isinstance(obj.get("@context"), str) else ""
    return "linkedplaces" in context.lower() or any(isinstance(f, dict) and isinstance(f.get("when"), dict)
                                                    for f in obj.get("features", []))


def _first(props: dict, keys) -> object:
    for key in keys:
        if props.get(key) not in (None, ""):
            return props[key], key
    return None, None


def _point(geometry, report: ImportReport, path: str):
    """(lat, lon) of a geometry, or (None, None); areas and lines give the mean of their coordinates."""
    if not isinstance(geometry, dict):
        return None, None
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Point" and isinstance(coords, list) and len(coords) >= 2:
        return coords[1], coords[0]
    if kind == "GeometryCollection":
        for part in geometry.get("geometries") if isinstance(geometry.get("geometries"), list) else []:
            lat, lon = _point(part, report, path)
            if lat is not None:
                return lat, lon
        return None, None
    points = list(_flatten(coords))
    if not points:
        return None, None
    report.add(f"a {kind} is placed at the mean of its coordinates", INFO, path=path, field="geometry")
    return (round(sum(p[1] for p in points) / len(points), 5), round(sum(p[0] for p in points) / len(points), 5))


def _flatten(coords):
    if isinstance(coords, list) and len(coords) >= 2 and all(isinstance(c, (int, float)) for c in coords[:2]):
        yield coords
    elif isinstance(coords, list):
        for part in coords:
            yield from _flatten(part)


def _lpf_dates(when, report: ImportReport, path: str) -> tuple[str | None, str | None, str | None]:
    """(date, end_date, display label) from an LPF ``when``."""
    spans = when.get("timespans") if isinstance(when.get("timespans"), list) else []
    spans = [s for s in spans if isinstance(s, dict)]
    label = when.get("label") if isinstance(when.get("label"), str) else None
    if not spans:
        return None, None, label
    if len(spans) > 1:
        report.add(f"{len(spans)} timespans: the first start and the last end are kept", INFO, path=path,
                   field="when.timespans")
    return _lpf_point(spans[0].get("start")), _lpf_point(spans[-1].get("end")), label


def _lpf_point(value) -> str | None:
    if not isinstance(value, dict):
        return None
    if value.get("in") not in (None, ""):
        return edtf.from_text(value["in"]) or edtf.as_given(value["in"])
    earliest, latest = value.get("earliest"), value.get("latest")
    e = edtf.from_text(earliest) or (edtf.as_given(earliest) if earliest else None)
    lt = edtf.from_text(latest) or (edtf.as_given(latest) if latest else None)
    if e and lt:
        return edtf.one_of(e, lt)
    return e or lt


def convert(obj: dict, file: str, report: ImportReport, text: str | None = None) -> Conversion:
    """Our document from a parsed FeatureCollection."""
    lpf = is_lpf(obj)
    report.format = LPF_FORMAT if lpf else FORMAT
    builder = DocumentBuilder(file, report.format, report)
    if isinstance(obj.get("title"), str):
        builder.title = html_to_text(obj["title"], inline=True).text or None
    if isinstance(obj.get("description"), str):
        builder.description = html_to_text(obj["description"]).text or None
    lines = []
    for i, feature in enumerate(obj["features"]):
        path = f"features[{i}]"
        if not isinstance(feature, dict):
            report.add("a feature must be an object", ERROR, path=path)
            continue
        props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        geometry = feature.get("geometry")
        is_line = isinstance(geometry, dict) and geometry.get("type") == "LineString"
        if (props.get("feature") == "link" or is_line) and "from" in props and "to" in props:
            lines.append((i, props))
            continue
        _feature(builder, feature, props, geometry, i, report)
    for i, props in lines:
        link = {k: plain_tree(props.get(k)) for k in ("from", "to", "relation", "note") if props.get(k) is not None}
        if isinstance(props.get("translations"), dict):
            link["translations"] = plain_tree(props["translations"])
        builder.add_link(link, Origin(path=f"features[{i}]", json_path=("features", i, "properties")))
    return builder.build(text)


def _feature(builder: DocumentBuilder, feature: dict, props: dict, geometry, i: int, report: ImportReport) -> None:
    path = f"features[{i}]"
    fields: dict[str, str] = {}
    event: dict = {}
    fid = props.get("id", feature.get("id"))
    if isinstance(fid, str) and fid:
        event["id"] = fid
    title, key = _first(props, TITLE_KEYS)
    fields["title"] = f"properties.{key or 'title'}"
    event["title"] = html_to_text(str(title or ""), inline=True).text
    when = feature.get("when") if isinstance(feature.get("when"), dict) else None
    if when is not None:
        date, end, label = _lpf_dates(when, report, path)
        fields.update(date="when.timespans", end_date="when.timespans")
        if label:
            event["display_date"] = html_to_text(label, inline=True).text
    else:
        start, skey = _first(props, START_KEYS)
        end, ekey = _first(props, END_KEYS)
        date = (edtf.from_text(start) or edtf.as_given(start)) if start is not None else None
        end = (edtf.from_text(end) or edtf.as_given(end)) if end is not None else None
        fields.update(date=f"properties.{skey or 'date'}", end_date=f"properties.{ekey or 'end'}")
    if date is None and when is None and not any(k in props for k in START_KEYS):
        report.add("no time (no 'when' and no date property); a feature without a time is not an event",
                   ERROR, path=path)
        return
    event["date"] = date
    if end:
        event["end_date"] = end
    body, tkey = _first(props, TEXT_KEYS)
    descriptions = feature.get("descriptions") or props.get("descriptions")
    if body is None and isinstance(descriptions, list) and descriptions and isinstance(descriptions[0], dict):
        body, tkey = descriptions[0].get("value"), "descriptions"
    plain = html_to_text(str(body or ""))
    event["summary"] = plain.text
    fields["summary"] = f"properties.{tkey or 'summary'}"
    if plain.dropped:
        report.add(f"markup left out: {', '.join(dict.fromkeys(plain.dropped))}", WARNING, path=path,
                   field=fields["summary"])
    kind = props.get("kind")
    if isinstance(kind, str) and kind.casefold() in KINDS:
        event["kind"] = kind.casefold()
    for key in _OUR_LISTS + _OUR_TEXTS + ("translations",):
        if props.get(key) not in (None, "", []):
            event[key] = plain_tree(props[key])
            fields[key] = f"properties.{key}"
    if "sources" not in event and plain.links:
        event["sources"] = [{"citation": link.text, "url": link.url} for link in plain.links]
    media = _depictions(feature.get("depictions") or props.get("depictions"))
    if media and "media" not in event:
        event["media"] = media
    lat, lon = _point(geometry, report, path)
    name = props.get("place_name") or props.get("place") or (title if when is not None else None)
    name = html_to_text(name, inline=True).text if isinstance(name, str) else None
    country = html_to_text(props["country"], inline=True).text if isinstance(props.get("country"), str) else None
    codes = props.get("ccodes")
    if not country and isinstance(codes, list) and codes:
        from explorer.formats.places import gazetteer

        country = gazetteer().country_name(str(codes[0]))
    fields["place"] = "geometry"
    historical = props.get("place_historical_name")
    historical = html_to_text(historical, inline=True).text if isinstance(historical, str) else None
    place = builder.add_place(Origin(path=path, fields=fields), name=name, lat=lat, lon=lon, country=country,
                              historical_name=historical, id_hint=props.get("place_id"),
                              translations=_lpf_names(feature.get("names"), name))
    if place:
        event["place"] = place
    builder.add_event(event, Origin(path=path, fields=fields, json_path=("features", i)), source_hint=path)


def _lpf_names(names, name: str | None) -> dict:
    """LPF ``names`` with a language, as our place translations: ``{"de": {"name": "Brest-Litowsk"}}`` (the first
    name given in each language, where it differs from the place's name)."""
    out: dict = {}
    for entry in names if isinstance(names, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("toponym"), str):
            continue
        lang = entry.get("lang")
        text = html_to_text(entry["toponym"], inline=True).text
        if isinstance(lang, str) and re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang) and text and text != name:
            out.setdefault(lang, {"name": text})
    return out


def _depictions(value) -> list[dict]:
    out = []
    for d in value if isinstance(value, list) else []:
        if isinstance(d, dict) and is_http_url(str(d.get("@id") or d.get("url") or "")):
            media = {"url": d.get("@id") or d.get("url")}
            if d.get("title"):
                media["caption"] = html_to_text(str(d["title"]), inline=True).text
            if d.get("license"):
                media["credit"] = html_to_text(str(d["license"]), inline=True).text
            out.append(media)
    return out
