"""Normalised exports of a dataset: JSON, GeoJSON and CSV.

The JSON carries every translation the dataset has, under ``translations`` with the same field names as the
English (``translations.de.title``, ``translations.de.key_points`` ...) on each event, place, signatory and
link, so other tools get the German too."""

from __future__ import annotations

import csv
import io
import json

from explorer.model.dataset import Dataset, Event


def event_record(dataset: Dataset, event: Event) -> dict:
    """One event as a flat, normalised dictionary, with its links read from both ends."""
    place = dataset.place_of(event)
    return {
        "id": event.id,
        "title": event.title,
        "kind": event.kind,
        "date": event.date.iso(),
        "date_precision": event.date.precision,
        "end_date": event.end_date.iso() if event.end_date else None,
        "end_date_precision": event.end_date.precision if event.end_date else None,
        "date_note": event.date_note,
        "display_date": event.display_date,
        "place": {"id": place.id, "name": place.name, "historical_name": place.historical_name,
                  "lat": place.lat, "lon": place.lon, "country": place.country,
                  "translations": _translations(place)} if place is not None else None,
        "place_state": event.place_state,
        "parties": list(event.parties),
        "signatories": [{"name": s.name, "office": s.office, "party": s.party, "translations": _translations(s)}
                        for s in event.signatories],
        "summary": event.summary,
        "key_points": list(event.key_points),
        "significance": event.significance,
        "sources": [{"citation": s.citation, "url": s.url, "note": s.note} for s in event.sources],
        "media": [{"url": m.url, "caption": m.caption, "credit": m.credit} for m in event.media],
        "links": [{"event": v.other_id, "relation": v.relation, "label": v.label,
                   "direction": "outgoing" if v.outgoing else "incoming", "note": v.note,
                   "translations": _translations(v)}
                  for v in dataset.links_of(event.id)],
        "tags": list(event.tags),
        "translations": _translations(event),
    }


def _translations(item) -> dict:
    """An item's translations as plain JSON (lists for key points), language by language."""
    return {language: {name: list(value) if isinstance(value, tuple) else value for name, value in texts.items()}
            for language, texts in (getattr(item, "translations", None) or {}).items()}


def to_json(dataset: Dataset) -> str:
    """The whole dataset, normalised, as pretty JSON."""
    doc = {
        "title": dataset.title,
        "description": dataset.description,
        "translations": _translations(dataset),
        "parties": [{"name": p.name, "renamed_to": p.renamed_to, "translations": _translations(p)}
                    for p in dataset.party_table.values()],
        "events": [event_record(dataset, e) for e in dataset.events],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def to_geojson(dataset: Dataset) -> str:
    """A GeoJSON FeatureCollection of points, one per event, with the event's properties.

    An event without a place is a feature without a geometry (``null``, as GeoJSON allows).
    """
    features = []
    for event in dataset.events:
        record = event_record(dataset, event)
        place = record.pop("place") or {"id": None, "name": None, "historical_name": None, "country": None}
        record.update(place_id=place["id"], place_name=place["name"], place_historical_name=place["historical_name"],
                      country=place["country"])
        features.append({
            "type": "Feature",
            "id": event.id,
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]} if "lat" in place else None,
            "properties": record,
        })
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1) + "\n"


CSV_COLUMNS = ["id", "title", "kind", "date", "date_precision", "end_date", "date_note", "place", "lat", "lon",
               "country", "parties", "signatories", "summary", "significance", "sources", "links"]


def to_csv(dataset: Dataset) -> str:
    """One row per event; lists joined with '; ' so the file opens cleanly in a spreadsheet."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for event in dataset.events:
        r = event_record(dataset, event)
        r["place"] = r["place"] or {"name": "", "lat": "", "lon": "", "country": ""}
        writer.writerow({
            "id": r["id"], "title": r["title"], "kind": r["kind"], "date": r["date"],
            "date_precision": r["date_precision"], "end_date": r["end_date"] or "", "date_note": r["date_note"] or "",
            "place": r["place"]["name"], "lat": r["place"]["lat"], "lon": r["place"]["lon"],
            "country": r["place"]["country"], "parties": "; ".join(r["parties"]),
            "signatories": "; ".join(f"{s['name']} ({s['office']})" if s["office"] else s["name"]
                                     for s in r["signatories"]),
            "summary": r["summary"], "significance": r["significance"],
            "sources": "; ".join(s["citation"] + (f" <{s['url']}>" if s["url"] else "") for s in r["sources"]),
            "links": "; ".join(f"{l['label']} {l['event']}" for l in r["links"]),
        })
    return out.getvalue()


FORMATS = {"json": to_json, "geojson": to_geojson, "csv": to_csv}
