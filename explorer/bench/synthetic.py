"""Realistic synthetic datasets in our format, for the benchmark and the scale tests (free of Qt).

``generate(n, seed)`` returns the parsed-JSON form of a dataset with ``n`` events across Europe from 1900 to
2000: real capitals and generated towns around them, every kind, parties with their capitals, signatories,
summaries, key points, sources, eras and links. The same ``(n, seed)`` always gives the same dataset, and the
loader accepts it like any hand-written file.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys

from explorer.model.relations import RELATIONS, SYMMETRIC

#: (id, name, country = party, lat, lon): capitals (and a few great cities) of the twentieth century.
CITIES = (
    ("london", "London", "United Kingdom", 51.5074, -0.1278),
    ("paris", "Paris", "France", 48.8566, 2.3522),
    ("berlin", "Berlin", "Germany", 52.52, 13.405),
    ("rome", "Rome", "Italy", 41.9028, 12.4964),
    ("madrid", "Madrid", "Spain", 40.4168, -3.7038),
    ("lisbon", "Lisbon", "Portugal", 38.7223, -9.1393),
    ("brussels", "Brussels", "Belgium", 50.8503, 4.3517),
    ("the-hague", "The Hague", "Netherlands", 52.0705, 4.3007),
    ("luxembourg", "Luxembourg", "Luxembourg", 49.6116, 6.1319),
    ("bern", "Bern", "Switzerland", 46.948, 7.4474),
    ("vienna", "Vienna", "Austria", 48.2082, 16.3738),
    ("prague", "Prague", "Czechoslovakia", 50.0755, 14.4378),
    ("budapest", "Budapest", "Hungary", 47.4979, 19.0402),
    ("warsaw", "Warsaw", "Poland", 52.2297, 21.0122),
    ("moscow", "Moscow", "Soviet Union", 55.7558, 37.6173),
    ("copenhagen", "Copenhagen", "Denmark", 55.6761, 12.5683),
    ("oslo", "Oslo", "Norway", 59.9139, 10.7522),
    ("stockholm", "Stockholm", "Sweden", 59.3293, 18.0686),
    ("helsinki", "Helsinki", "Finland", 60.1699, 24.9384),
    ("tallinn", "Tallinn", "Estonia", 59.437, 24.7536),
    ("riga", "Riga", "Latvia", 56.9496, 24.1052),
    ("kaunas", "Kaunas", "Lithuania", 54.8985, 23.9036),
    ("bucharest", "Bucharest", "Romania", 44.4268, 26.1025),
    ("sofia", "Sofia", "Bulgaria", 42.6977, 23.3219),
    ("belgrade", "Belgrade", "Yugoslavia", 44.7866, 20.4489),
    ("athens", "Athens", "Greece", 37.9838, 23.7275),
    ("tirana", "Tirana", "Albania", 41.3275, 19.8187),
    ("ankara", "Ankara", "Turkey", 39.9334, 32.8597),
    ("dublin", "Dublin", "Ireland", 53.3498, -6.2603),
    ("reykjavik", "Reykjavík", "Iceland", 64.1466, -21.9426),
    ("valletta", "Valletta", "Malta", 35.8989, 14.5146),
    ("kyiv", "Kyiv", "Ukraine", 50.4501, 30.5234),
    ("minsk", "Minsk", "Belarus", 53.9006, 27.559),
    ("chisinau", "Chișinău", "Moldova", 47.0105, 28.8638),
)

#: Non-capital real cities (id, name, country, lat, lon) where conferences and treaties often happened.
TOWNS = (
    ("geneva", "Geneva", "Switzerland", 46.2044, 6.1432),
    ("locarno", "Locarno", "Switzerland", 46.1709, 8.7995),
    ("lausanne", "Lausanne", "Switzerland", 46.5197, 6.6323),
    ("munich", "Munich", "Germany", 48.1351, 11.582),
    ("versailles", "Versailles", "France", 48.8049, 2.1204),
    ("genoa", "Genoa", "Italy", 44.4056, 8.9463),
    ("rapallo", "Rapallo", "Italy", 44.3497, 9.2306),
    ("trieste", "Trieste", "Italy", 45.6495, 13.7768),
    ("gdansk", "Gdańsk", "Poland", 54.352, 18.6466),
    ("krakow", "Kraków", "Poland", 50.0647, 19.945),
    ("brest", "Brest", "Belarus", 52.0976, 23.7341),
    ("spa", "Spa", "Belgium", 50.4921, 5.8644),
    ("yalta", "Yalta", "Ukraine", 44.4952, 34.1663),
    ("potsdam", "Potsdam", "Germany", 52.3906, 13.0645),
    ("helsingborg", "Helsingborg", "Sweden", 56.0465, 12.6945),
    ("thessaloniki", "Thessaloniki", "Greece", 40.6401, 22.9444),
    ("marseille", "Marseille", "France", 43.2965, 5.3698),
    ("hamburg", "Hamburg", "Germany", 53.5511, 9.9937),
    ("milan", "Milan", "Italy", 45.4642, 9.19),
    ("barcelona", "Barcelona", "Spain", 41.3874, 2.1686),
    ("lviv", "Lviv", "Ukraine", 49.8397, 24.0297),
    ("saint-petersburg", "Saint Petersburg", "Soviet Union", 59.9311, 30.3609),
    ("istanbul", "Istanbul", "Turkey", 41.0082, 28.9784),
    ("strasbourg", "Strasbourg", "France", 48.5734, 7.7521),
    ("maastricht", "Maastricht", "Netherlands", 50.8514, 5.691),
)

_SYLLABLES_A = ("Alt", "Neu", "Ober", "Nieder", "Sankt", "Kis", "Nagy", "Stara", "Nova", "Vel", "Mal", "Bel",
                "Gor", "Dol", "Val", "Mont", "Port", "Kal", "Ros", "Lin", "Mar", "Bran", "Wit", "Zel")
_SYLLABLES_B = ("burg", "dorf", "heim", "ovo", "ava", "grad", "ice", "ino", "ano", "by", "köping", "lund",
                "mark", "stadt", "itz", "ec", "ak", "ville", "court", "sund", "holm", "vár", "falu", "polje")

KIND_WEIGHTS = {"treaty": 24, "agreement": 22, "conference": 14, "protocol": 12, "declaration": 10,
                "event": 12, "military": 6}
TITLES = {
    "treaty": ("Treaty of {place}", "{place} Peace Treaty", "Treaty of Friendship of {place}",
               "{place} Treaty of Commerce and Navigation"),
    "agreement": ("{place} Trade Agreement", "{place} Agreement on Frontier Traffic",
                  "{place} Railway Agreement", "{place} Fisheries Agreement", "{place} Credit Agreement"),
    "conference": ("{place} Conference", "{place} Conference on Disarmament", "{place} Economic Conference",
                   "{place} Conference on Minorities"),
    "protocol": ("{place} Protocol", "Supplementary Protocol of {place}", "{place} Protocol on Arbitration"),
    "declaration": ("{place} Declaration", "Joint Declaration of {place}", "{place} Declaration of Neutrality"),
    "event": ("Crisis at {place}", "Plebiscite in {place}", "Strike at {place}", "Elections in {place}"),
    "military": ("Occupation of {place}", "Mobilisation at {place}", "Naval Manoeuvres off {place}",
                 "Military Convention of {place}"),
}
SUMMARY_OPENINGS = {
    "treaty": "A treaty between {parties}, signed at {place}.",
    "agreement": "An agreement between {parties}, concluded at {place}.",
    "conference": "A conference at {place} that brought together {parties}.",
    "protocol": "A protocol agreed at {place} by {parties}.",
    "declaration": "A declaration issued at {place} by {parties}.",
    "event": "An event at {place} that involved {parties}.",
    "military": "A military step at {place} taken by or against {parties}.",
}
SUMMARY_MIDDLES = (
    "It settled questions left open by earlier negotiations and set out a timetable for further talks.",
    "It regulated trade, transit and the treatment of each side's citizens.",
    "It fixed a disputed stretch of frontier and provided for a mixed commission to mark it.",
    "It committed the parties to consult each other before taking any step that affected the other.",
    "It was received coolly in the press of both countries and debated at length in parliament.",
    "It opened a period of closer economic cooperation that lasted several years.",
)
KEY_POINTS = (
    "Mutual renunciation of claims for war costs and damages.",
    "Most-favoured-nation treatment in trade.",
    "A mixed commission to settle disputes.",
    "Consular relations to be resumed.",
    "Arbitration for disputes the parties could not settle themselves.",
    "Free transit for goods across each other's territory.",
    "Protection for national minorities on both sides of the frontier.",
    "Duration of five years, renewed automatically unless denounced.",
    "Ratification within three months.",
    "A secret annex whose existence was denied at the time.",
)
FIRST_NAMES = ("Karl", "Jean", "Giovanni", "Jan", "Nikolai", "Ivan", "Józef", "Edvard", "Aristide", "Gustav",
               "Maxim", "Austen", "Paul", "Tomáš", "Nicolae", "Konstantin", "Eleftherios", "Miklós", "Hjalmar")
LAST_NAMES = ("Stresemann", "Briand", "Chicherin", "Beneš", "Titulescu", "Chamberlain", "Litvinov", "Rathenau",
              "Zaleski", "Venizelos", "Bethlen", "Branting", "Hymans", "Motta", "Grandi", "Politis", "Masaryk",
              "Krestinsky", "Schubert", "Simon", "Laval", "Beck", "Munch", "Sandler", "Holsti", "Meierovics")
OFFICES = ("Foreign Minister of {party}", "Prime Minister of {party}", "Ambassador of {party}",
           "Head of the delegation of {party}", "Minister of Trade of {party}")
PUBLISHERS = ("Oxford University Press", "Cambridge University Press", "Macmillan", "Routledge",
              "Yale University Press", "Princeton University Press", "Clarendon Press")
TAGS = ("peace treaty", "trade", "frontier", "minorities", "arbitration", "disarmament", "League of Nations",
        "reparations", "neutrality", "alliance", "transit", "railways", "credits", "fisheries")
ERAS = (
    ("Belle Époque", "1900-01-01", "1914-07-28", "#e3dcc2"),
    ("First World War", "1914-07-28", "1918-11-11", "#e6d3c3"),
    ("Interwar years", "1918-11-11", "1939-09-01", "#d9c9a3"),
    ("Second World War", "1939-09-01", "1945-05-08", "#cfd9df"),
    ("Early Cold War", "1945-05-08", "1962-10-28", "#d6cfe0"),
    ("Détente and after", "1962-10-28", "1989-11-09", "#d4e0cf"),
    ("After the Wall", "1989-11-09", "2000-12-31", "#e0d4cf"),
)
LINK_NOTES = {
    "led_to": "The talks that produced the first opened the way to the second.",
    "reaffirms": "The later text restates the commitments of the earlier one.",
    "extends": "The later text widens the earlier one to new matters.",
    "answers": "The later step was a direct response to the earlier one.",
    "supersedes": "The later text replaced the earlier one between the same parties.",
    "broken_by": "The later step broke the obligations of the earlier one.",
    "prompted": "The earlier step prompted the later one.",
    "cites": "The later text refers to the earlier one by name.",
    "implements": "The later text carries out provisions of the earlier one.",
    "parallels": "The two were negotiated in parallel and often compared.",
    "preceded": "The earlier came first; no link between them is claimed.",
    "challenged_by": "One side said the later step undermined the earlier one; the other denied it.",
}

FIRST_DAY = dt.date(1900, 1, 1).toordinal()
LAST_DAY = dt.date(2000, 12, 31).toordinal()


def _places(rng: random.Random, n_events: int) -> list[dict]:
    """Capitals, real towns, and enough generated towns (jittered round a city) for the event count."""
    places = [{"id": pid, "name": name, "lat": lat, "lon": lon, "country": country, "capital": True,
               "capital_of": [country]} for pid, name, country, lat, lon in CITIES]
    places += [{"id": pid, "name": name, "lat": lat, "lon": lon, "country": country}
               for pid, name, country, lat, lon in TOWNS]
    seen = {p["id"] for p in places}
    anchors = CITIES + TOWNS
    extra = max(0, min(n_events // 4, 3000) - len(TOWNS))
    for i in range(extra):
        _, anchor_name, country, lat, lon = rng.choice(anchors)
        name = rng.choice(_SYLLABLES_A) + rng.choice(_SYLLABLES_B)
        pid = f"{_slug(name)}-{i + 1}"
        if pid in seen:
            continue
        seen.add(pid)
        place = {"id": pid, "name": name, "lat": round(min(71.0, max(34.0, lat + rng.uniform(-1.6, 1.6))), 4),
                 "lon": round(lon + rng.uniform(-2.2, 2.2), 4), "country": country}
        if rng.random() < 0.15:
            place["historical_name"] = f"{name} an der {anchor_name}" if country in ("Germany", "Austria") else \
                f"Old {name}"
        places.append(place)
    return places


def _slug(text: str) -> str:
    table = str.maketrans("áäåčćéèíóöőøšúüůýžőłńśź", "aaacceeiooooouuuyzolnsz")
    out = "".join(c if c.isalnum() else "-" for c in text.lower().translate(table))
    return "-".join(part for part in out.split("-") if part) or "place"


def _date(rng: random.Random) -> tuple[str, str | None, int]:
    """A date text in one of the three precisions, an optional end date text, and the start ordinal."""
    # Denser in the interwar years and around the wars, as real treaty collections are.
    if rng.random() < 0.45:
        ordinal = rng.randint(dt.date(1918, 11, 11).toordinal(), dt.date(1939, 9, 1).toordinal())
    else:
        ordinal = rng.randint(FIRST_DAY, LAST_DAY - 120)
    day = dt.date.fromordinal(ordinal)
    roll = rng.random()
    if roll < 0.05:
        return f"{day.year:04d}", None, dt.date(day.year, 1, 1).toordinal()
    if roll < 0.15:
        return f"{day.year:04d}-{day.month:02d}", None, dt.date(day.year, day.month, 1).toordinal()
    end = None
    if roll > 0.85:
        end_day = dt.date.fromordinal(ordinal + rng.randint(1, 90))
        end = end_day.isoformat()
    return day.isoformat(), end, ordinal


def _event(rng: random.Random, index: int, place: dict, parties: list[str]) -> tuple[dict, int]:
    kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
    date, end_date, ordinal = _date(rng)
    year = date[:4]
    title = rng.choice(TITLES[kind]).format(place=place["name"])
    party_text = " and ".join(parties) if len(parties) <= 2 else ", ".join(parties[:-1]) + " and " + parties[-1]
    summary = " ".join([SUMMARY_OPENINGS[kind].format(parties=party_text or "no state", place=place["name"]),
                        *rng.sample(SUMMARY_MIDDLES, 2)])
    event = {"id": f"{kind}-{year}-{index + 1:05d}", "title": title, "kind": kind, "date": date,
             "place": place["id"], "parties": parties, "summary": summary}
    if end_date:
        event["end_date"] = end_date
    if rng.random() < 0.1:
        event["date_note"] = "Sources disagree on the day; the date of signature is given."
    if parties and rng.random() < 0.7:
        event["signatories"] = [
            {"name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
             "office": rng.choice(OFFICES).format(party=party), "party": party}
            for party in parties[:3]]
    event["key_points"] = rng.sample(KEY_POINTS, rng.randint(1, 4))
    if rng.random() < 0.6:
        event["significance"] = rng.choice(SUMMARY_MIDDLES)
    event["sources"] = [{"citation": f"{rng.choice(LAST_NAMES)}, {title} and its Background "
                                     f"({rng.choice(PUBLISHERS)}, {min(2020, int(year) + rng.randint(5, 60))})"}]
    if rng.random() < 0.5:
        event["sources"].append({"citation": f"League of Nations Treaty Series, no. {index + 100}",
                                 "url": f"https://example.org/treaties/{index + 1}"})
    event["tags"] = rng.sample(TAGS, rng.randint(0, 3))
    if rng.random() < 0.05:
        event["translations"] = {"de": {"title": f"Vertrag von {place['name']}"}}
    return event, ordinal


def _links(rng: random.Random, events: list[dict], ordinals: list[int]) -> list[dict]:
    """About 1.2 links per event. Directed links always run from an earlier to a later event (never a cycle)."""
    order = sorted(range(len(events)), key=lambda i: (ordinals[i], events[i]["id"]))
    directed = [r for r in RELATIONS if r not in SYMMETRIC]
    links, seen = [], set()
    n = len(order)
    for _ in range(int(n * 1.2)):
        if n < 2:
            break
        a = rng.randrange(n - 1)
        b = min(n - 1, a + 1 + int(rng.expovariate(1 / max(2.0, n / 60))))
        src, dst = events[order[a]]["id"], events[order[b]]["id"]
        if ordinals[order[a]] == ordinals[order[b]]:
            relation = "parallels"
        else:
            relation = rng.choice(directed) if rng.random() < 0.9 else "parallels"
        if (src, dst, relation) in seen or (dst, src, relation) in seen:
            continue
        seen.add((src, dst, relation))
        links.append({"from": src, "to": dst, "relation": relation, "note": LINK_NOTES[relation]})
    return links


def generate(n: int, seed: int = 1) -> dict:
    """A dataset of ``n`` events as parsed JSON (dict), deterministic for the same ``n`` and ``seed``."""
    if n < 1:
        raise ValueError(f"need at least one event, got {n}")
    rng = random.Random(f"treaty-explorer-synthetic-{n}-{seed}")
    places = _places(rng, n)
    capitals_by_party = {p["country"]: p for p in places if p.get("capital")}
    party_names = sorted(capitals_by_party)
    # Neighbours sign with neighbours: draw parties mostly from the place's own country and nearby capitals.
    events, ordinals, nearby = [], [], {}
    for i in range(n):
        place = rng.choice(places)
        own = place["country"]
        pool = nearby.get(place["id"])
        if pool is None:
            pool = nearby[place["id"]] = sorted(
                party_names, key=lambda c: (capitals_by_party[c]["lat"] - place["lat"]) ** 2
                + ((capitals_by_party[c]["lon"] - place["lon"]) * 0.7) ** 2)[:8]
        count = rng.choices((0, 1, 2, 3, 4, 6), weights=(3, 10, 50, 20, 10, 7))[0]
        parties = [own] if count else []
        for party in rng.sample(pool, min(len(pool), count + 1)):
            if len(parties) < count and party not in parties:
                parties.append(party)
        event, ordinal = _event(rng, i, place, parties)
        events.append(event)
        ordinals.append(ordinal)
    links = _links(rng, events, ordinals)
    return {
        "format": 1,
        "dataset": {
            "title": f"Synthetic European agreements, 1900–2000 ({n:,} events, seed {seed})",
            "description": "A generated dataset for benchmarks and scale tests: invented events at real and "
                           "invented places across Europe. Nothing in it is historical fact.",
            "default_view": {"center": [50.0, 15.0], "zoom": 4, "date": "1925-01-01"},
            "eras": [{"name": name, "start": start, "end": end, "color": color} for name, start, end, color in ERAS],
            "credits": ["Generated by explorer generate (explorer.bench.synthetic); not historical data.",
                        "Coordinates of real cities rounded to four decimals."],
        },
        "places": places,
        "events": events,
        "links": links,
    }


def dumps(data: dict) -> str:
    """The dataset as file text: one event, place or link per line, so line numbers in problems mean something."""
    parts = ['{\n  "format": 1,\n  "dataset": ', json.dumps(data["dataset"], ensure_ascii=False), ","]
    for key in ("places", "events", "links"):
        rows = ",\n    ".join(json.dumps(row, ensure_ascii=False) for row in data[key])
        parts.append(f'\n  "{key}": [\n    {rows}\n  ]' + ("," if key != "links" else "\n}\n"))
    return "".join(parts)


def cmd_generate(args) -> int:
    """``explorer generate --events N --seed S --out FILE``: write a synthetic dataset (atomically)."""
    from explorer.safe_write import write_text_atomic

    if args.events < 1:
        print("explorer: error: --events must be at least 1", file=sys.stderr)
        return 2
    try:
        write_text_atomic(args.out, dumps(generate(args.events, args.seed)))
    except OSError as exc:
        print(f"explorer: error: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.out} ({args.events} events, seed {args.seed})", file=sys.stderr)
    return 0


