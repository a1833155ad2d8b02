"""Building our document dict from another tool's file, remembering where each item came from.

Importers call :class:`DocumentBuilder`: they add events (with the source row or JSON path they came from and
which source field each of our fields was read from), places (resolved offline where only a name is given),
eras and links; ``build()`` fills in what our format needs and other tools do not have (ids, a default view,
a source for events that cite none) and returns a :class:`Conversion` that the checker validates."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from explorer.formats import edtf
from explorer.formats.report import INFO, WARNING, ImportReport

KINDS = ("treaty", "conference", "agreement", "protocol", "declaration", "event", "military")
NO_TEXT = "No text was given in the imported file."
_ID_CLEAN = re.compile(r"[^a-z0-9]+")


@dataclass
class Origin:
    """Where an item of our document came from: a spreadsheet row, a JSON path (and line) in the source file,
    and for each of our fields the source field it was read from (``{"date": "Year", "title": "Headline"}``)."""

    row: int | None = None
    path: str | None = None
    line: int | None = None
    sheet: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    json_path: tuple | None = None   # the same place as ``path``, as keys and indices, to find its line

    def source_field(self, our_field: str | None) -> str | None:
        """The source file's name for one of our fields (``date`` -> ``Year``); ours where there is no other."""
        if our_field is None:
            return None
        key = our_field
        while key:
            if key in self.fields:
                return self.fields[key]
            cut = max(key.rfind("."), key.rfind("["))
            key = key[:cut] if cut > 0 else ""
        return our_field

    def where(self) -> dict:
        """The location keywords for an :class:`~explorer.formats.report.ImportProblem`."""
        return {"row": self.row, "path": self.path, "line": self.line, "sheet": self.sheet}


@dataclass
class Conversion:
    """Our document and, for each list in it, the origin of each item (same order)."""

    doc: dict
    origins: dict[str, list[Origin]]
    file: str
    format: str
    source_text: str | None = None   # a JSON source's text, to put line numbers on problems

    def json_path(self, origin: Origin, source_field: str | None = None) -> tuple | None:
        """Where an item (or its field, ``text.headline``) is in the source JSON, as keys and indices."""
        if origin.json_path is None:
            return None
        keys = tuple(k for k in re.split(r"\.|\[\d*\]", source_field or "") if k)
        return origin.json_path + keys

    def lines_of(self, paths: list[tuple]) -> dict[tuple, int]:
        """The line of each path in the source JSON (one pass over its text); empty for other sources."""
        if self.source_text is None or not paths:
            return {}
        from explorer.model.positions import scan

        try:
            return scan(self.source_text, paths).lines
        except (ValueError, IndexError, AttributeError):
            return {}

    def origin(self, path: tuple) -> Origin | None:
        """The origin of the item a loader path points into: ``("events", 3, "date")`` -> the 4th event's."""
        if len(path) >= 2 and path[0] in self.origins and isinstance(path[1], int):
            items = self.origins[path[0]]
            return items[path[1]] if path[1] < len(items) else None
        if len(path) >= 3 and path[:2] == ("dataset", "eras") and isinstance(path[2], int):
            items = self.origins.get("eras", [])
            return items[path[2]] if path[2] < len(items) else None
        if (not path or path[0] == "dataset") and self.origins.get("dataset"):
            return self.origins["dataset"][0]
        return None


def slug(text: str, fallback: str = "item") -> str:
    """An id of our form (``treaty-of-rapallo``) from any text; ``fallback`` when nothing is left."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("ß", "ss")
    text = _ID_CLEAN.sub("-", text).strip("-")
    return text[:60].strip("-") or fallback


class DocumentBuilder:
    """Collects the parts of one imported dataset; see the module docstring."""

    def __init__(self, file: str, format_name: str, report: ImportReport) -> None:
        self.file = file
        self.format = format_name
        self.report = report
        self.title: str | None = None
        self.description: str | None = None
        self.credits: list[str] = []
        self.events: list[dict] = []
        self.places: list[dict] = []
        self.links: list[dict] = []
        self.eras: list[dict] = []
        self.origins: dict[str, list[Origin]] = {"events": [], "places": [], "links": [], "eras": []}
        self._ids: dict[str, set[str]] = {"events": set(), "places": set()}
        self._place_keys: dict[tuple, str] = {}
        self._no_source = 0
        self._no_text = 0
        self._today_countries = 0

    # --- ids ----------------------------------------------------------------------------------------
    def unique_id(self, section: str, base: str) -> str:
        """``base`` made unique among the section's ids (``rapallo-1922``, ``rapallo-1922-2`` …)."""
        taken = self._ids[section]
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        return candidate

    def reserve_id(self, section: str, value: str) -> None:
        """Mark an id given by the file itself as taken (duplicates are left for the loader to report)."""
        self._ids[section].add(value)

    # --- items --------------------------------------------------------------------------------------
    def add_event(self, event: dict, origin: Origin, *, source_hint: str) -> dict:
        """Add an event dict of our format. Missing ``id``, ``kind``, ``parties``, ``summary`` and ``sources``
        are filled in; ``source_hint`` names the location for the fallback citation (``row 7``)."""
        if not event.get("id"):
            year = (edtf.earliest_day(event.get("date") or "") or None)
            base = slug(event.get("title") or "", "event") + (f"-{year.year}" if year else "")
            event["id"] = self.unique_id("events", base)
        else:
            self.reserve_id("events", event["id"])
        event.setdefault("kind", "event")
        event.setdefault("parties", [])
        if not event.get("summary"):
            event["summary"] = NO_TEXT
            self._no_text += 1
        if not event.get("sources"):
            event["sources"] = [{"citation": f"{self.format} {_basename(self.file)}, {source_hint}"}]
            self._no_source += 1
        ordered = {k: event[k] for k in ("id", "title", "kind", "date") if event.get(k) is not None}
        ordered.update({k: v for k, v in event.items()
                        if k not in ordered and (k == "parties" or v not in (None, "", [], {}))})
        self.events.append(ordered)
        self.origins["events"].append(origin)
        return ordered

    def add_place(self, origin: Origin, *, name: str | None = None, lat=None, lon=None,
                  country: str | None = None, historical_name: str | None = None,
                  id_hint: str | None = None, translations: dict | None = None) -> str | None:
        """The id of the place for a row: given coordinates are used as they are (named after the nearest
        town if unnamed); a name alone is resolved from the gazetteer and the choice reported. Rows naming the
        same place share it. None when the row gives no place (the event stays off the map)."""
        name = (name or "").strip() or None
        has_coords = lat not in (None, "") and lon not in (None, "")
        if not name and not has_coords:
            return None
        key = ("coords", str(lat), str(lon), name) if has_coords else ("name", (name or "").casefold(), country)
        if key in self._place_keys:
            return self._place_keys[key]
        from explorer.formats.places import CREDIT, gazetteer

        place: dict = {}
        if has_coords:
            place.update(lat=_number(lat), lon=_number(lon))
            near = None
            if not name or not country:
                lat_f, lon_f = place["lat"], place["lon"]
                if isinstance(lat_f, (int, float)) and isinstance(lon_f, (int, float)) and \
                        -90 <= lat_f <= 90 and -180 <= lon_f <= 180:
                    near = gazetteer().nearest(lat_f, lon_f)
                    self.report.credit(CREDIT)
            if not name:
                name = near.name if near else f"{place['lat']}, {place['lon']}"
                if near:
                    self.report.add(f"unnamed place at {place['lat']}, {place['lon']} named after the nearest "
                                    f"town, {near.label()}", INFO, **origin.where())
            if not country:
                country = near.country if near else "unknown"
                self._today_countries += 1
        else:
            found = gazetteer().resolve(name, country)
            self.report.credit(CREDIT)
            self.report.add(found.describe(), INFO if found.city else WARNING, field=origin.fields.get("place"),
                            **origin.where())
            if found.city is None:
                self._place_keys[key] = None
                return None
            city = found.city
            place.update(lat=round(city.lat, 5), lon=round(city.lon, 5))
            if found.alias and not historical_name:
                historical_name, name = name, city.name
            if not country:
                country = city.country
                self._today_countries += 1
        pid = self.unique_id("places", slug(id_hint or name, "place"))
        record = {"id": pid, "name": name}
        if historical_name and historical_name != name:
            record["historical_name"] = historical_name
        record.update(lat=place["lat"], lon=place["lon"], country=country)
        if translations:
            record["translations"] = translations
        self.places.append(record)
        self.origins["places"].append(origin)
        self._place_keys[key] = pid
        return pid

    def add_era(self, era: dict, origin: Origin) -> None:
        """Add an era ``{name, start, end[, color]}``."""
        self.eras.append(era)
        self.origins["eras"].append(origin)

    def add_link(self, link: dict, origin: Origin) -> None:
        """Add a link ``{from, to, relation, note}``."""
        self.links.append(link)
        self.origins["links"].append(origin)

    # --- the whole ----------------------------------------------------------------------------------
    def build(self, source_text: str | None = None) -> Conversion:
        """The document, with a title, a description and a default view where the file gave none."""
        if self._no_source:
            self.report.add(f"{self._no_source} event(s) name no source; each cites the imported file and its "
                            "row or path instead", INFO)
        if self._no_text:
            self.report.add(f"{self._no_text} event(s) have no text; their summary says so", WARNING)
        if self._today_countries:
            self.report.add(f"the country of {self._today_countries} place(s) is today's, from GeoNames; "
                            "correct it to the state of the time where it differs", INFO)
        head: dict = {
            "title": self.title or _basename(self.file),
            "description": self.description or f"Imported from {_basename(self.file)} ({self.format}).",
            "default_view": self._default_view(),
        }
        if self.eras:
            head["eras"] = self.eras
        credits = list(self.credits) + [c for c in self.report.credits if c not in self.credits]
        if credits:
            head["credits"] = credits
        doc = {"format": 1, "dataset": head, "places": self.places, "events": self.events}
        if self.links:
            doc["links"] = self.links
        origins = dict(self.origins)
        return Conversion(doc, origins, self.file, self.format, source_text)

    def _default_view(self) -> dict:
        points = [(p["lat"], p["lon"]) for p in self.places
                  if isinstance(p.get("lat"), (int, float)) and isinstance(p.get("lon"), (int, float))
                  and -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180]
        if points:
            center = [round(sum(p[0] for p in points) / len(points), 4),
                      round(sum(p[1] for p in points) / len(points), 4)]
            span = max(max(p[0] for p in points) - min(p[0] for p in points),
                       max(p[1] for p in points) - min(p[1] for p in points))
            zoom = 4 if span > 12 else 5 if span > 5 else 6 if span > 1 else 8
        else:
            center, zoom = [50.0, 10.0], 4
        days = [d for d in (edtf.earliest_day(e.get("date")) for e in self.events) if d]
        day = min(days).isoformat() if days else "1900-01-01"
        return {"center": center, "zoom": zoom, "date": day}


def _number(value):
    """A coordinate from a cell or JSON value: numbers stay, ``"44,35"`` and ``"44.35"`` become 44.35; anything
    else is passed on for the loader to report."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = str(value).strip().replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return value


def _basename(file: str) -> str:
    return re.split(r"[\\/]", file)[-1]
