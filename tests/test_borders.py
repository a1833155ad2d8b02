"""The dated period borders (explorer/model/borders.py and its shipped asset). Qt-free.

Each row of CASES is a place, a day and the state the borders must give there: the days are the last
day before and the first day of each change the asset draws, so a change made a day early or late, or
drawn in the wrong place, fails here."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from explorer.model.borders import Borders, BorderChange, StateAt, asset_path, default_borders
from explorer.resources import DEFAULT_DATASET

shapely = pytest.importorskip("shapely")
from shapely.geometry import shape  # noqa: E402

PLACES = {
    "vilnius": (54.6872, 25.2797), "brest": (52.0976, 23.7341), "vienna": (48.2082, 16.3738),
    "haderslev": (55.25, 9.49), "aabenraa": (55.04, 9.42), "flensburg": (54.78, 9.44),
    "warsaw": (52.2297, 21.0122), "pinsk": (52.11, 26.10), "minsk": (53.90, 27.56),
    "katowice": (50.26, 19.02), "gliwice": (50.29, 18.67), "kyiv": (50.45, 30.52), "moscow": (55.7558, 37.6173),
    "tbilisi": (41.7151, 44.8271), "dublin": (53.35, -6.26), "belfast": (54.60, -5.93), "ankara": (39.93, 32.86),
    "klaipeda": (55.71, 21.13), "saarbrucken": (49.24, 6.99), "danzig": (54.35, 18.65),
    "karlovy_vary": (50.23, 12.87), "liberec": (50.77, 15.06), "prague": (50.0755, 14.4378),
    "kosice": (48.72, 21.26), "uzhhorod": (48.62, 22.30), "bratislava": (48.15, 17.11), "khust": (48.17, 23.29),
    "tirana": (41.33, 19.82), "lviv": (49.84, 24.03), "bialystok": (53.13, 23.16), "poznan": (52.41, 16.93),
    "lodz": (51.76, 19.46), "krakow": (50.06, 19.94), "vyborg": (60.71, 28.75), "pechenga": (69.55, 31.2),
    "chisinau": (47.01, 28.86), "chernivtsi": (48.29, 25.94), "izmail": (45.35, 28.84), "riga": (56.95, 24.11),
    "tallinn": (59.44, 24.75), "kaunas": (54.90, 23.90), "cluj": (46.77, 23.60), "brasov": (45.65, 25.60),
    "targu_mures": (46.54, 24.56), "oradea": (47.07, 21.92), "sibiu": (45.80, 24.15), "dobrich": (43.57, 27.83),
    "belgrade": (44.82, 20.46), "zagreb": (45.81, 15.98), "ljubljana": (46.05, 14.51), "maribor": (46.55, 15.65),
    "novi_sad": (45.25, 19.84), "skopje": (42.00, 21.43), "pristina": (42.66, 21.16), "split": (43.53, 16.50),
    "sarajevo": (43.86, 18.41), "podgorica": (42.44, 19.26), "hlucin": (49.90, 18.19), "eupen": (50.63, 6.03),
    "strasbourg": (48.58, 7.75), "tartu": (58.38, 26.72), "antakya": (36.20, 36.16), "damascus": (33.51, 36.29),
}

# (place, day, state key of the feature in force there)
CASES = [
    ("brest", "1918-03-03", "occupied_east"), ("brest", "1925-06-01", "poland"), ("brest", "1939-10-01", "soviet_poland"),
    ("brest", "1939-11-02", "belarus"),
    ("strasbourg", "1918-11-10", "germany"), ("strasbourg", "1918-11-11", "france"),
    ("vilnius", "1920-10-08", "lithuania"), ("vilnius", "1920-10-10", "central_lithuania"),
    ("vilnius", "1922-03-23", "central_lithuania"), ("vilnius", "1922-03-24", "poland"),
    ("vilnius", "1939-10-27", "soviet_poland"), ("vilnius", "1939-10-28", "lithuania"),
    ("kaunas", "1920-10-10", "lithuania"),
    ("haderslev", "1920-06-14", "germany"), ("haderslev", "1920-06-15", "denmark"),
    ("aabenraa", "1920-06-14", "germany"), ("aabenraa", "1920-06-15", "denmark"), ("flensburg", "1920-06-15", "germany"),
    ("pinsk", "1921-03-17", "poland"), ("pinsk", "1921-03-18", "poland"), ("minsk", "1921-03-18", "belarus"),
    ("katowice", "1922-06-19", "germany"), ("katowice", "1922-06-20", "poland"), ("gliwice", "1922-06-20", "germany"),
    ("kyiv", "1922-12-30", "ukraine"), ("moscow", "1922-12-30", "russia"), ("tbilisi", "1922-12-29", "georgia"),
    ("tbilisi", "1922-12-30", "transcaucasia"), ("tbilisi", "1936-12-05", "georgia"),
    ("dublin", "1922-12-05", "united_kingdom"), ("dublin", "1922-12-06", "ireland"), ("belfast", "1922-12-06", "united_kingdom"),
    ("ankara", "1923-07-24", "ottoman_empire"),
    ("klaipeda", "1920-01-09", "germany"), ("klaipeda", "1920-01-10", "memel"), ("klaipeda", "1923-01-14", "memel"),
    ("klaipeda", "1923-01-15", "lithuania"), ("klaipeda", "1939-03-22", "lithuania"), ("klaipeda", "1939-03-23", "germany"),
    ("saarbrucken", "1920-01-09", "germany"), ("saarbrucken", "1920-01-10", "saar"), ("saarbrucken", "1935-02-28", "saar"),
    ("saarbrucken", "1935-03-01", "germany"),
    ("danzig", "1920-01-09", "germany"), ("danzig", "1920-01-10", "danzig"), ("danzig", "1939-08-31", "danzig"),
    ("danzig", "1939-09-01", "germany"), ("poznan", "1919-06-28", "germany"), ("poznan", "1920-01-10", "poland"),
    ("eupen", "1920-01-09", "germany"), ("eupen", "1920-01-10", "belgium"),
    ("hlucin", "1920-02-03", "germany"), ("hlucin", "1920-02-04", "czechoslovakia"),
    ("vienna", "1938-03-01", "austria"), ("vienna", "1938-03-12", "austria"), ("vienna", "1938-03-13", "germany"),
    ("vienna", "1938-04-01", "germany"),
    ("karlovy_vary", "1938-09-30", "czechoslovakia"), ("karlovy_vary", "1938-10-01", "germany"),
    ("liberec", "1938-10-01", "germany"), ("prague", "1938-10-01", "czechoslovakia"),
    ("kosice", "1938-11-01", "czechoslovakia"), ("kosice", "1938-11-02", "hungary"), ("uzhhorod", "1938-11-02", "hungary"),
    ("bratislava", "1939-03-13", "czechoslovakia"), ("bratislava", "1939-03-14", "slovakia"),
    ("prague", "1939-03-14", "czechoslovakia"), ("prague", "1939-03-15", "bohemia_moravia"),
    ("khust", "1939-03-14", "czechoslovakia"), ("khust", "1939-03-15", "hungary"),
    ("warsaw", "1939-09-27", "poland"), ("warsaw", "1939-09-28", "german_poland"),
    ("warsaw", "1939-10-26", "general_government"), ("krakow", "1939-10-26", "general_government"),
    ("poznan", "1939-10-26", "germany"), ("lodz", "1939-10-26", "germany"),
    ("lviv", "1939-09-28", "soviet_poland"), ("lviv", "1939-11-01", "ukraine"), ("bialystok", "1939-09-28", "soviet_poland"),
    ("bialystok", "1939-11-01", "soviet_poland"), ("bialystok", "1939-11-02", "belarus"),
    ("vyborg", "1940-03-12", "finland"), ("vyborg", "1940-03-13", "russia"), ("pechenga", "1940-03-13", "finland"),
    ("pechenga", "1920-12-30", "russia"), ("pechenga", "1920-12-31", "finland"),
    ("chisinau", "1940-06-27", "romania"), ("chisinau", "1940-06-28", "bessarabia"), ("chisinau", "1940-08-02", "moldavia"),
    ("chernivtsi", "1940-06-27", "romania"), ("chernivtsi", "1940-06-28", "ukraine"), ("izmail", "1940-08-02", "ukraine"),
    ("riga", "1940-08-05", "latvia"), ("tallinn", "1940-08-06", "estonia"),
    ("cluj", "1940-08-29", "romania"), ("cluj", "1940-08-30", "hungary"), ("oradea", "1940-08-30", "hungary"),
    ("targu_mures", "1940-08-30", "hungary"), ("brasov", "1940-08-30", "romania"), ("sibiu", "1940-08-30", "romania"),
    ("dobrich", "1940-09-06", "romania"), ("dobrich", "1940-09-07", "bulgaria"),
    ("belgrade", "1941-04-16", "yugoslavia"), ("belgrade", "1941-04-17", "serbia"), ("zagreb", "1941-04-17", "croatia"),
    ("sarajevo", "1941-04-17", "croatia"), ("ljubljana", "1941-04-17", "italy"), ("maribor", "1941-04-17", "germany"),
    ("novi_sad", "1941-04-17", "hungary"), ("skopje", "1941-04-17", "bulgaria"), ("pristina", "1941-04-17", "albania"),
    ("split", "1941-04-17", "italy"), ("podgorica", "1941-04-17", "montenegro"),
    ("antakya", "1938-09-01", "syria"), ("antakya", "1938-09-02", "hatay"), ("antakya", "1939-06-29", "ottoman_empire"),
    ("damascus", "1920-07-25", "syria"),
]


@pytest.fixture(scope="module")
def borders() -> Borders:
    return default_borders()


@pytest.mark.parametrize(("place", "day", "state"), CASES, ids=[f"{p}-{d}" for p, d, _s in CASES])
def test_state_at_around_each_change(borders, place, day, state):
    lat, lon = PLACES[place]
    found = borders.state_at(lat, lon, day)
    assert found is not None, f"{place} on {day}: no state"
    assert found.feature.split("@")[0] == state, f"{place} on {day}: {found.feature} ({found.name})"
    assert found.valid_from <= dt.date.fromisoformat(day) <= found.valid_to


@pytest.mark.parametrize(("place", "day", "name", "sovereign", "event"), [
    ("brest", "1918-03-03", "Territories under German and Austro-Hungarian occupation", "Germany and Austria-Hungary",
     "brest-litovsk-1918"),
    ("brest", "1925-06-01", "Poland", None, "upper-silesia-partition-1922"),   # the change that made this version
    ("vilnius", "1920-10-10", "Republic of Central Lithuania", "Poland", "zeligowski-mutiny-1920"),
    ("moscow", "1922-12-29", "Soviet Russia", None, None),
    ("moscow", "1922-12-30", "Russian SFSR", "Soviet Union", "ussr-founding-1922"),
    ("kyiv", "1922-12-30", "Ukrainian SSR", "Soviet Union", "ussr-founding-1922"),
    ("dublin", "1922-12-06", "Irish Free State", None, "irish-free-state-1922"),
    ("dublin", "1938-01-01", "Ireland (Éire)", None, None),
    ("ankara", "1922-10-31", "Ottoman Empire", None, "armistice-1918"),
    ("ankara", "1923-07-24", "Turkey", None, "lausanne-1923"),
    ("danzig", "1925-01-01", "Free City of Danzig", "League of Nations", None),
    ("saarbrucken", "1925-01-01", "Territory of the Saar Basin", "League of Nations", "versailles-1919"),
    ("prague", "1939-03-15", "Protectorate of Bohemia and Moravia", "Germany", "prague-occupation-1939"),
    ("bratislava", "1939-03-14", "Slovak State", "Germany", None),
    ("tirana", "1939-04-06", "Albania", None, "brest-litovsk-1918"),
    ("tirana", "1939-04-07", "Albania", "Italy", "albania-1939"),
    ("warsaw", "1939-09-28", "Polish territory under German occupation", "Germany", "boundary-friendship-1939"),
    ("warsaw", "1921-03-18", "Poland", None, "riga-1921"),
    ("riga", "1940-06-16", "Latvia", None, None),
    ("riga", "1940-06-17", "Latvia", "Soviet Union", None),
    ("riga", "1940-08-05", "Latvian SSR", "Soviet Union", "baltic-annexation-1940"),
    ("zagreb", "1941-04-17", "Independent State of Croatia", "Germany and Italy", "yugoslavia-invasion-1941"),
])
def test_names_sovereigns_and_events(borders, place, day, name, sovereign, event):
    found = borders.state_at(*PLACES[place], day)
    assert (found.name, found.sovereign, found.event) == (name, sovereign, event)


def test_label_in_both_languages(borders):
    danzig = borders.state_at(*PLACES["danzig"], "1925-01-01")
    assert danzig.label() == "Free City of Danzig (League of Nations)"
    assert danzig.label("de") == "Freie Stadt Danzig (Völkerbund)"
    assert borders.state_at(*PLACES["brest"], "1925-06-01").label("de") == "Polen"


def test_sea_and_outside_the_coverage_give_none(borders):
    assert borders.state_at(43.0, 5.0, "1930-01-01") is None          # Gulf of Lion
    assert borders.state_at(*PLACES["warsaw"], "1918-03-02") is None   # before the first map
    assert borders.state_at(*PLACES["warsaw"], "1942-01-01") is None
    assert borders.features_on("1942-01-01") == ()
    assert borders.coverage == (dt.date(1918, 3, 3), dt.date(1941, 12, 31))


def _all_features(borders):
    return [(f["properties"], shape(f["geometry"])) for f in borders.features]


def test_every_geometry_is_valid_and_in_the_box(borders):
    for props, geom in _all_features(borders):
        assert geom.is_valid, props["id"]
        assert geom.area > 0, props["id"]
        x0, y0, x1, y1 = geom.bounds
        assert -30 <= x0 and x1 <= 70 and 24 <= y0 and y1 <= 75, props["id"]


def test_no_two_features_in_force_on_the_same_day_overlap(borders):
    """Checked for every pair whose validity intervals meet, which covers every day of 1918–1941."""
    features = _all_features(borders)
    geoms = [g for _p, g in features]
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    for i, j in zip(left.tolist(), right.tolist()):
        if i >= j:
            continue
        a, b = features[i][0], features[j][0]
        if a["valid_to"] < b["valid_from"] or b["valid_to"] < a["valid_from"]:
            continue
        overlap = features[i][1].intersection(features[j][1]).area
        assert overlap < 1e-6, f"{a['id']} and {b['id']} overlap by {overlap:.6f} sq. deg."


def test_each_state_has_one_version_a_day_and_the_land_stays_covered(borders):
    areas = {f["properties"]["id"]: shape(f["geometry"]).area for f in borders.features}
    days = sorted({dt.date.fromisoformat(f["properties"]["valid_from"]) for f in borders.features})
    days += [d - dt.timedelta(days=1) for d in days[1:]] + [dt.date(1941, 12, 31)]
    reference = None
    for day in sorted(set(days)):
        on = borders.features_on(day)
        states = [f["properties"]["state"] for f in on]
        assert len(states) == len(set(states)), f"{day}: a state twice"
        total = sum(areas[f["properties"]["id"]] for f in on)
        reference = reference or total
        assert abs(total - reference) < 0.003 * reference, f"{day}: land covered {total:.1f} vs {reference:.1f}"


def test_versions_of_a_state_follow_each_other_without_gaps(borders):
    by_state: dict[str, list[dict]] = {}
    for f in borders.features:
        by_state.setdefault(f["properties"]["state"], []).append(f["properties"])
    for state, versions in by_state.items():
        versions.sort(key=lambda p: p["valid_from"])
        for a, b in zip(versions, versions[1:]):
            assert a["valid_to"] < b["valid_from"], state
            assert a["valid_from"] <= a["valid_to"], a["id"]


def test_names_in_both_languages_and_fields_complete(borders):
    statuses = {"independent", "dominion", "personal union", "union republic", "protectorate", "mandate", "colony",
                "free city", "League of Nations territory", "Allied administration", "occupied", "client state",
                "contested"}
    for f in borders.features:
        p = f["properties"]
        assert p["name"] and p["name_de"], p["id"]
        assert (p["sovereign"] is None) == (p["sovereign_de"] is None), p["id"]
        assert p["status"] in statuses, p["id"]
        assert (p["sovereign"] is None) == (p["status"] in {"independent", "dominion", "personal union", "contested"}) \
            or p["status"] == "client state", p["id"]
        assert p["precision"] in (1, 2, 3), p["id"]
        assert p["precision"] == 3 or p["precision_note"] or p["precision"] == 2, p["id"]
        assert p["source"], p["id"]
        assert f["id"] == p["id"] == f"{p['state']}@{p['valid_from']}"


LISTED_EVENTS = {
    "schleswig-plebiscite-1920", "zeligowski-mutiny-1920", "riga-1921", "upper-silesia-partition-1922",
    "vilnius-annexation-1922", "irish-free-state-1922", "ussr-founding-1922", "klaipeda-revolt-1923", "lausanne-1923",
    "saar-plebiscite-1935", "anschluss-1938", "munich-1938", "first-vienna-award-1938", "prague-occupation-1939",
    "memel-1939", "albania-1939", "boundary-friendship-1939", "soviet-lithuanian-pact-1939", "moscow-peace-1940",
    "bessarabia-1940", "baltic-annexation-1940", "second-vienna-award-1940", "craiova-1940", "yugoslavia-invasion-1941",
}


def test_every_listed_event_is_referenced_and_no_other_unknown_one(borders):
    used = {f["properties"]["event"] for f in borders.features} | {c.event for c in borders.changes()}
    used.discard(None)
    assert LISTED_EVENTS <= used, sorted(LISTED_EVENTS - used)
    dataset_ids = {e["id"] for e in json.loads(DEFAULT_DATASET.read_text(encoding="utf-8"))["events"]}
    assert used - LISTED_EVENTS <= dataset_ids, sorted(used - LISTED_EVENTS - dataset_ids)


def test_changes_are_dated_named_and_point_at_features(borders):
    changes = borders.changes()
    assert all(isinstance(c, BorderChange) for c in changes)
    assert [c.date for c in changes] == sorted(c.date for c in changes)
    ids = {f["properties"]["id"] for f in borders.features}
    for change in changes:
        assert change.name and change.name_de and change.source
        assert change.features and set(change.features) <= ids
        assert all(fid.endswith("@" + change.date.isoformat()) for fid in change.features)
    dates = {c.date.isoformat() for c in changes}
    for day in ("1920-06-15", "1920-10-09", "1921-03-18", "1922-06-20", "1922-12-06", "1922-12-30", "1935-03-01",
                "1938-03-13", "1938-10-01", "1938-11-02", "1939-03-15", "1939-09-28", "1940-03-13", "1940-08-30",
                "1941-04-17"):
        assert day in dates
    assert borders.changes()[0].date > borders.coverage[0]   # the first map is not a change


def test_features_on_swaps_geometry_across_the_anschluss(borders):
    before = {f["properties"]["id"] for f in borders.features_on("1938-03-01")}
    after = {f["properties"]["id"] for f in borders.features_on("1938-04-01")}
    assert any(i.startswith("austria@") for i in before) and not any(i.startswith("austria@") for i in after)
    assert {i for i in after if i.startswith("germany@")} == {"germany@1938-03-13"}
    assert borders.features_on(dt.date(1938, 4, 1)) == borders.features_on("1938-04-01")


def test_geojson_of_a_day(borders):
    collection = borders.geojson_on("1940-09-01")
    assert collection["type"] == "FeatureCollection" and collection["metadata"]["date"] == "1940-09-01"
    assert "GPL-3.0" in collection["metadata"]["credit"]
    assert {f["properties"]["name"] for f in collection["features"]} >= {"General Government", "Lithuanian SSR"}


def test_lookups_are_fast_enough_for_ten_thousand_events():
    import random
    import time

    borders = Borders.load()
    rng = random.Random(7)
    points = [(rng.uniform(35, 65), rng.uniform(-10, 45), dt.date(1919, 1, 1) + dt.timedelta(days=rng.randrange(8000)))
              for _ in range(10_000)]
    start = time.perf_counter()
    for lat, lon, day in points:
        borders.state_at(lat, lon, day)
    assert time.perf_counter() - start < 5.0     # about 0.3 s here; generous for a busy machine
    start = time.perf_counter()
    for _lat, _lon, day in points:
        borders.features_on(day)
    assert time.perf_counter() - start < 1.0


def test_loads_from_the_package_not_the_source_tree():
    assert asset_path().name == "borders-1918-1941.geojson"
    assert "explorer" in asset_path().parts and "shared" not in asset_path().parts
    assert isinstance(default_borders().state_at(*PLACES["vienna"], "1930-01-01"), StateAt)
