"""Period borders, 1918–1941: which state held a place on a given day, and the map of that day.

The shipped asset (``explorer/assets/borders/borders-1918-1941.geojson``, GPL-3.0, made by
``tools/make_borders.py`` from historical-basemaps and Natural Earth) is one GeoJSON FeatureCollection
holding every version of every state. Each feature carries its own validity interval (``valid_from``
and ``valid_to``, ISO days, both inclusive), so a page can load it once and show a day's borders by
filtering on those two strings; this module does the same in Python with an index (see
:mod:`explorer.model.border_index`). The top-level ``changes`` list names each day the map changed.

No Qt here; the map page, the timeline and the details panel use this module."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from explorer.model.border_index import DateIndex, PlaceIndex, Shape
from explorer.resources import package_file

ASSET_NAME = "borders-1918-1941.geojson"
#: The credit the asset's licence asks for, for the map's attribution.
CREDIT = "Historical borders: historical-basemaps by A. Ourednik and contributors (GPL-3.0)"


def asset_path() -> Path:
    """Where the shipped borders asset is (inside the installed package)."""
    return package_file("assets", "borders", ASSET_NAME)


@dataclass(frozen=True)
class StateAt:
    """The state that held a place on a day, as the borders give it."""

    name: str
    name_de: str
    sovereign: str | None      # the power it belonged to or was held by, when it was not independent
    sovereign_de: str | None
    status: str                # e.g. "independent", "protectorate", "occupied", "free city"
    precision: int             # 1 approximate, 2 moderately precise, 3 determined by law
    precision_note: str
    source: str
    event: str | None          # the dataset event that made this version, if any
    feature: str               # the feature's id, e.g. "poland@1922-06-20"
    valid_from: dt.date
    valid_to: dt.date

    def label(self, language: str = "en") -> str:
        """The state's name, with its sovereign where it had one: "Danzig (League of Nations)"."""
        name, sovereign = (self.name_de, self.sovereign_de) if language == "de" else (self.name, self.sovereign)
        return f"{name} ({sovereign})" if sovereign else name


@dataclass(frozen=True)
class BorderChange:
    """A day the map changed, for a timeline row of marks."""

    date: dt.date
    name: str
    name_de: str
    source: str
    event: str | None
    features: tuple[str, ...]  # ids of the feature versions that begin that day


def _day(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


class Borders:
    """The period-borders asset with its date and place indexes."""

    def __init__(self, collection: dict[str, Any]):
        self.collection = collection
        self.metadata: dict[str, Any] = collection.get("metadata", {})
        self.features: list[dict[str, Any]] = collection["features"]
        props = [f["properties"] for f in self.features]
        self._dates = DateIndex([(_day(p["valid_from"]), _day(p["valid_to"])) for p in props])
        self._places = PlaceIndex([Shape(f["geometry"]) for f in self.features])
        self._changes = tuple(BorderChange(_day(c["date"]), c["name"], c["name_de"], c["source"], c.get("event"),
                                           tuple(c["features"])) for c in collection.get("changes", ()))

    @classmethod
    def load(cls, path: Path | None = None) -> Borders:
        """Read the asset (default: the one shipped in the package). orjson parses it in a fifth of the
        time of ``json`` (the details panel reads it on the first selection)."""
        import orjson

        return cls(orjson.loads(Path(path or asset_path()).read_bytes()))

    @property
    def coverage(self) -> tuple[dt.date, dt.date]:
        """The first and last day the borders cover."""
        return self._dates.first, self._dates.last

    def features_on(self, day: dt.date | str) -> tuple[dict[str, Any], ...]:
        """The GeoJSON features (one per state) in force on ``day``; empty outside the coverage."""
        return tuple(self.features[i] for i in self._dates.on(_day(day)))

    def geojson_on(self, day: dt.date | str) -> dict[str, Any]:
        """That day's borders as a GeoJSON FeatureCollection (for QGIS and other GIS tools)."""
        day = _day(day)
        return {"type": "FeatureCollection", "name": f"borders-{day.isoformat()}",
                "metadata": {"date": day.isoformat(), "credit": CREDIT, "license": "GPL-3.0-or-later"},
                "features": list(self.features_on(day))}

    def state_at(self, lat: float, lon: float, day: dt.date | str) -> StateAt | None:
        """The state in force at (lat, lon) on ``day``, or None at sea, off the map or outside the coverage."""
        day = _day(day)
        for i in self._places.containing(lon, lat):
            p = self.features[i]["properties"]
            if p["valid_from"] <= day.isoformat() <= p["valid_to"]:
                return StateAt(p["name"], p["name_de"], p["sovereign"], p["sovereign_de"], p["status"],
                               p["precision"], p["precision_note"], p["source"], p["event"], p["id"],
                               _day(p["valid_from"]), _day(p["valid_to"]))
        return None

    def changes(self) -> tuple[BorderChange, ...]:
        """Every day the map changed after its first day, in date order."""
        return tuple(c for c in self._changes if c.date > self._dates.first)


@lru_cache(maxsize=1)
def default_borders() -> Borders:
    """The shipped asset, loaded once."""
    return Borders.load()


def features_on(day: dt.date | str) -> tuple[dict[str, Any], ...]:
    """The shipped borders in force on ``day`` (see :meth:`Borders.features_on`)."""
    return default_borders().features_on(day)


def state_at(lat: float, lon: float, day: dt.date | str) -> StateAt | None:
    """The state at a place on a day, from the shipped borders (see :meth:`Borders.state_at`)."""
    return default_borders().state_at(lat, lon, day)


def changes() -> tuple[BorderChange, ...]:
    """The days the shipped borders change (see :meth:`Borders.changes`)."""
    return default_borders().changes()
