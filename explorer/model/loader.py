"""Load a dataset file and check it, reporting every problem with file, line, item and field."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from explorer.model.dataset import KINDS, Dataset, Era, Event, Link, Place, Signatory, Source, View
from explorer.model.dates import HistDate, parse_hist_date
from explorer.model.positions import JsonPositions
from explorer.model.relations import RELATIONS, SYMMETRIC

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
URL_RE = re.compile(r"^https?://\S+$")

TOP_FIELDS = {"format", "dataset", "places", "events", "links", "$schema"}
DATASET_FIELDS = {"title", "description", "default_view", "eras", "credits"}
PLACE_FIELDS = {"id", "name", "historical_name", "lat", "lon", "country", "capital", "capital_of"}
EVENT_FIELDS = {
    "id", "title", "kind", "date", "end_date", "date_note", "place", "parties", "signatories", "summary",
    "key_points", "significance", "sources", "translations", "tags",
}
TRANSLATABLE = {"title", "summary", "significance", "key_points"}
LINK_FIELDS = {"from", "to", "relation", "note"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dataset file."""

    file: str
    message: str
    line: int | None = None
    item: str | None = None     # e.g. "event 'rapallo-1922'" or "events[3]"
    field: str | None = None
    path: tuple = ()

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [p for p in (self.item, f"field '{self.field}'" if self.field else None) if p]
        return f"{where}: {', '.join(parts) + ': ' if parts else ''}{self.message}"


class DatasetError(Exception):
    """A dataset file could not be loaded; ``problems`` lists everything that is wrong."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _Checker:
    """Walks the parsed JSON, builds value objects and collects problems instead of stopping."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, message: str, path: tuple, item: str | None = None, field: str | None = None) -> None:
        self.problems.append(Problem(self.file, message, None, item, field, path))

    # --- field helpers ------------------------------------------------------------------------------
    def text(self, obj: dict, key: str, path: tuple, item: str, required: bool = True) -> str | None:
        value = obj.get(key)
        if value is None:
            if required:
                self.problem("missing required field", path, item, key)
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(f"must be a non-empty string, got {json.dumps(value)[:60]}", path, item, key)
            return None
        return value

    def strings(self, obj: dict, key: str, path: tuple, item: str, required: bool = False) -> tuple[str, ...]:
        value = obj.get(key)
        if value is None:
            if required:
                self.problem("missing required field (use [] for none)", path, item, key)
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem("must be a list of non-empty strings", path, item, key)
            return ()
        return tuple(value)

    def hist_date(self, obj: dict, key: str, path: tuple, item: str, required: bool = True) -> HistDate | None:
        value = obj.get(key)
        if value is None:
            if required:
                self.problem("missing required field", path, item, key)
            return None
        try:
            return parse_hist_date(value)
        except ValueError as exc:
            self.problem(str(exc), path, item, key)
            return None

    def number(self, obj: dict, key: str, path: tuple, item: str, low: float, high: float) -> float | None:
        value = obj.get(key)
        if value is None:
            self.problem("missing required field", path, item, key)
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.problem(f"must be a number, got {json.dumps(value)[:40]}", path, item, key)
            return None
        if not low <= value <= high:
            self.problem(f"{value} is out of range ({low} to {high})", path, item, key)
            return None
        return float(value)

    def unknown_fields(self, obj: dict, allowed: set[str], path: tuple, item: str) -> None:
        for key in obj:
            if key not in allowed:
                self.problem(f"unknown field (allowed: {', '.join(sorted(allowed))})", path, item, key)

    def items(self, root: dict, key: str) -> list:
        value = root.get(key, [])
        if not isinstance(value, list):
            self.problem("must be a list", (), "top level", key)
            return []
        return value

    # --- sections -----------------------------------------------------------------------------------
    def dataset_header(self, root: dict):
        path = ("dataset",)
        head = root.get("dataset")
        if not isinstance(head, dict):
            self.problem("missing or not an object", (), "top level", "dataset")
            return None
        item = "dataset"
        self.unknown_fields(head, DATASET_FIELDS, path, item)
        title = self.text(head, "title", path, item)
        description = self.text(head, "description", path, item)
        view = self.default_view(head.get("default_view"), path + ("default_view",))
        eras = []
        for i, era in enumerate(head.get("eras") or []):
            epath, eitem = path + ("eras", i), f"era {i + 1}"
            if not isinstance(era, dict):
                self.problem("must be an object", epath, eitem)
                continue
            name = self.text(era, "name", epath, eitem)
            eitem = f"era '{name}'" if name else eitem
            start = self.hist_date(era, "start", epath, eitem)
            end = self.hist_date(era, "end", epath, eitem)
            if start and end and end.end < start.start:
                self.problem(f"ends ({end}) before it starts ({start})", epath, eitem, "end")
            elif name and start and end:
                eras.append(Era(name, start.start, end.end, era.get("color") or "#dddddd"))
        credits = list(self.strings(head, "credits", path, item))
        return title, description, view, eras, credits

    def default_view(self, view, path: tuple) -> View | None:
        item = "dataset"
        if not isinstance(view, dict):
            self.problem("missing or not an object {center, zoom, date}", path[:-1], item, "default_view")
            return None
        center = view.get("center")
        ok = isinstance(center, list) and len(center) == 2
        lat = self.number({"lat": center[0]}, "lat", path, item, -90, 90) if ok else None
        lon = self.number({"lon": center[1]}, "lon", path, item, -180, 180) if ok else None
        if not ok:
            self.problem("must be [latitude, longitude]", path, item, "default_view.center")
        zoom = self.number(view, "zoom", path, item, 0, 20)
        date = self.hist_date(view, "date", path, item)
        if None in (lat, lon, zoom, date):
            return None
        return View((lat, lon), zoom, date.start)

    def places(self, root: dict) -> dict[str, Place]:
        places: dict[str, Place] = {}
        self.declared_places = {r.get("id") for r in self.items(root, "places") if isinstance(r, dict)}
        for i, raw in enumerate(self.items(root, "places")):
            path, item = ("places", i), f"place {i + 1}"
            if not isinstance(raw, dict):
                self.problem("must be an object", path, item)
                continue
            pid = self.text(raw, "id", path, item)
            if pid is not None:
                item = f"place '{pid}'"
                if not ID_RE.match(pid):
                    self.problem("ids are lower-case words joined by '-', e.g. 'brest-litovsk'", path, item, "id")
                elif pid in places:
                    self.problem("duplicate place id", path, item, "id")
                    pid = None
            self.unknown_fields(raw, PLACE_FIELDS, path, item)
            name = self.text(raw, "name", path, item)
            lat = self.number(raw, "lat", path, item, -90, 90)
            lon = self.number(raw, "lon", path, item, -180, 180)
            country = self.text(raw, "country", path, item)
            hist = self.text(raw, "historical_name", path, item, required=False)
            capital = raw.get("capital", False)
            if not isinstance(capital, bool):
                self.problem("must be true or false", path, item, "capital")
                capital = False
            capital_of = self.strings(raw, "capital_of", path, item)
            if None not in (pid, name, lat, lon, country):
                places[pid] = Place(pid, name, lat, lon, country, hist, capital or bool(capital_of), capital_of)
        return places

    def events(self, root: dict, places: dict[str, Place]) -> list[Event]:
        events: dict[str, Event] = {}
        seen_ids: set[str] = set()
        for i, raw in enumerate(self.items(root, "events")):
            path, item = ("events", i), f"event {i + 1}"
            if not isinstance(raw, dict):
                self.problem("must be an object", path, item)
                continue
            eid = self.text(raw, "id", path, item)
            if eid is not None:
                item = f"event '{eid}'"
                if not ID_RE.match(eid):
                    self.problem("ids are lower-case words joined by '-', e.g. 'rapallo-1922'", path, item, "id")
                    eid = None
                elif eid in seen_ids:
                    self.problem("duplicate event id", path, item, "id")
                    eid = None
                else:
                    seen_ids.add(eid)
            self.unknown_fields(raw, EVENT_FIELDS, path, item)
            event = self.event(raw, eid, path, item, places)
            if event is not None:
                events[event.id] = event
        return list(events.values())

    def event(self, raw: dict, eid, path, item, places) -> Event | None:
        title = self.text(raw, "title", path, item)
        kind = self.text(raw, "kind", path, item)
        if kind is not None and kind not in KINDS:
            self.problem(f"unknown kind '{kind}' (one of: {', '.join(KINDS)})", path, item, "kind")
            kind = None
        date = self.hist_date(raw, "date", path, item)
        end_date = self.hist_date(raw, "end_date", path, item, required=False)
        if date and end_date and end_date.end < date.start:
            self.problem(f"ends ({end_date}) before it starts ({date})", path, item, "end_date")
            end_date = None
        place_id = self.text(raw, "place", path, item)
        if place_id is not None and place_id not in places:
            if place_id not in self.declared_places:   # a declared but broken place is reported already
                self.problem(f"unknown place '{place_id}'", path, item, "place")
            place_id = None
        summary = self.text(raw, "summary", path, item)
        sources = self.sources(raw.get("sources"), path, item)
        signatories = self.signatories(raw.get("signatories"), path, item)
        translations = self.translations(raw.get("translations"), path, item)
        parties = self.strings(raw, "parties", path, item, required=True)
        key_points = self.strings(raw, "key_points", path, item)
        tags = self.strings(raw, "tags", path, item)
        significance = self.text(raw, "significance", path, item, required=False) or ""
        date_note = self.text(raw, "date_note", path, item, required=False)
        if None in (eid, title, kind, date, place_id, summary) or not sources:
            return None
        return Event(eid, title, kind, date, place_id, summary, sources, end_date, date_note, parties,
                     signatories, key_points, significance, tags, translations)

    def sources(self, value, path, item) -> tuple[Source, ...]:
        if not isinstance(value, list) or not value:
            self.problem("every event needs at least one source {citation, url}", path, item, "sources")
            return ()
        out = []
        for j, src in enumerate(value):
            field = f"sources[{j}]"
            if not isinstance(src, dict) or not isinstance(src.get("citation"), str) or not src["citation"].strip():
                self.problem("a source needs a non-empty 'citation'", path, item, field)
                continue
            url = src.get("url")
            if url is not None and not (isinstance(url, str) and URL_RE.match(url)):
                self.problem(f"url must start with http:// or https://, got {json.dumps(url)[:60]}",
                             path, item, field + ".url")
                url = None
            out.append(Source(src["citation"], url))
        return tuple(out)

    def signatories(self, value, path, item) -> tuple[Signatory, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem("must be a list of {name, office}", path, item, "signatories")
            return ()
        out = []
        for j, person in enumerate(value):
            if not isinstance(person, dict) or not isinstance(person.get("name"), str) or not person["name"]:
                self.problem("a signatory needs a 'name'", path, item, f"signatories[{j}]")
                continue
            out.append(Signatory(person["name"], person.get("office") or "", person.get("party")))
        return tuple(out)

    def translations(self, value, path, item) -> dict:
        if value is None:
            return {}
        ok = isinstance(value, dict) and all(
            isinstance(lang, str) and isinstance(texts, dict) and set(texts) <= TRANSLATABLE
            for lang, texts in value.items())
        if not ok:
            self.problem(f"must map a language code to {{{', '.join(sorted(TRANSLATABLE))}}}",
                         path, item, "translations")
            return {}
        return value

    def links(self, root: dict, events: dict[str, Event], event_ids: set[str]) -> list[Link]:
        links: list[Link] = []
        seen: set[tuple[str, str, str]] = set()
        for i, raw in enumerate(self.items(root, "links")):
            path, item = ("links", i), f"link {i + 1}"
            if not isinstance(raw, dict):
                self.problem("must be an object", path, item)
                continue
            src = self.text(raw, "from", path, item)
            dst = self.text(raw, "to", path, item)
            rel = self.text(raw, "relation", path, item)
            note = self.text(raw, "note", path, item)
            item = f"link {i + 1} ({src} → {dst})"
            self.unknown_fields(raw, LINK_FIELDS, path, item)
            for key, target in (("from", src), ("to", dst)):
                if target is not None and target not in event_ids:
                    self.problem(f"unknown event '{target}'", path, item, key)
            if rel is not None and rel not in RELATIONS:
                self.problem(f"unknown relation '{rel}' (one of: {', '.join(RELATIONS)})", path, item, "relation")
                continue
            if src is not None and src == dst:
                self.problem(f"an event cannot link to itself ('{rel}')", path, item, "to")
                continue
            if None in (src, dst, rel, note) or src not in events or dst not in events:
                continue
            if (src, dst, rel) in seen:
                self.problem("duplicate link", path, item, "relation")
                continue
            seen.add((src, dst, rel))
            links.append(Link(src, dst, rel, note))
        self.cycles(links, root)
        return links

    def cycles(self, links: list[Link], root: dict) -> None:
        """Directed relations (all but the symmetric ones) must not loop back to where they started."""
        graph: dict[str, list[Link]] = {}
        for link in links:
            if link.relation not in SYMMETRIC:
                graph.setdefault(link.source_id, []).append(link)
        raw_links = root.get("links", [])
        state: dict[str, int] = {}
        stack: list[Link] = []

        def visit(node: str) -> None:
            state[node] = 1
            for link in graph.get(node, []):
                nxt = link.target_id
                if state.get(nxt) == 1:
                    loop = stack[self._loop_start(stack, nxt):] + [link]
                    chain = " → ".join([l.source_id for l in loop] + [nxt])
                    idx = next(i for i, r in enumerate(raw_links) if isinstance(r, dict) and r.get("from") == link.source_id
                               and r.get("to") == link.target_id and r.get("relation") == link.relation)
                    self.problem(f"links form a cycle that makes no sense: {chain}", ("links", idx),
                                 f"link {idx + 1} ({link.source_id} → {link.target_id})", "relation")
                elif nxt not in state:
                    stack.append(link)
                    visit(nxt)
                    stack.pop()
            state[node] = 2

        for node in sorted(graph):
            if node not in state:
                visit(node)

    @staticmethod
    def _loop_start(stack: list[Link], node: str) -> int:
        for i, link in enumerate(stack):
            if link.source_id == node:
                return i
        return len(stack)


def _check(root, file: str) -> tuple[Dataset | None, list[Problem]]:
    checker = _Checker(file)
    if not isinstance(root, dict):
        checker.problem("the file must hold one JSON object {format, dataset, places, events, links}", ())
        return None, checker.problems
    for key in root:
        if key not in TOP_FIELDS:
            checker.problem(f"unknown top-level field (allowed: {', '.join(sorted(TOP_FIELDS))})", (), "top level", key)
    if root.get("format", 1) != 1:
        checker.problem(f"unsupported format {root.get('format')!r}; this version reads format 1", (), "top level", "format")
    header = checker.dataset_header(root)
    places = checker.places(root)
    events = checker.events(root, places)
    by_id = {e.id: e for e in events}
    raw_ids = {r.get("id") for r in root.get("events", []) if isinstance(r, dict)} if isinstance(root.get("events"), list) else set()
    links = checker.links(root, by_id, raw_ids)
    if checker.problems or header is None or None in header[:3]:
        return None, checker.problems
    title, description, view, eras, credits = header
    return Dataset(title, description, view, places, events, links, eras, credits, file), []


def _with_lines(problems: list[Problem], text: str) -> list[Problem]:
    try:
        positions = JsonPositions(text)
    except ValueError:
        return problems
    out = []
    for p in problems:
        key = p.field.split("[")[0].split(".")[0] if p.field else None
        line = positions.line_of(p.path, key) if p.path or key else None
        out.append(Problem(p.file, p.message, line, p.item, p.field, p.path))
    return out


def check_text(text: str, file: str) -> tuple[Dataset | None, list[Problem]]:
    """Parse and check a dataset given as text; return the dataset (or None) and every problem."""
    try:
        root = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [Problem(file, f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno)]
    dataset, problems = _check(root, file)
    if problems:
        problems = _with_lines(problems, text)
    return dataset, problems


def validate_file(path: str | Path) -> list[Problem]:
    """Every problem in the dataset file at ``path`` (empty if it is valid)."""
    return _load(path)[1]


def load_dataset(path: str | Path) -> Dataset:
    """Load and check a dataset file; raise DatasetError listing every problem. Never writes the file."""
    dataset, problems = _load(path)
    if problems:
        raise DatasetError(problems)
    return dataset


def _load(path: str | Path) -> tuple[Dataset | None, list[Problem]]:
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(file, "file not found")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(file, f"cannot read the file: {exc}")]
    return check_text(text, file)

