"""Every converted document goes through the loader's own checker, so each rule is checked in one place.

The loader answers all-or-nothing. For an import we want "the rest opens": each problem is reported at the
row or path of the *source* file it came from, the items it names are left out (with the links of a left-out
event, and a left-out place's events kept off the map), and the rest is checked again."""

from __future__ import annotations

import copy

from explorer.formats.document import Conversion, Origin
from explorer.formats.report import ERROR, INFO, ImportReport

_SECTIONS = ("events", "places", "links", "parties")
_ROUNDS = 6


def check_document(doc: dict, file: str):
    """The loader's verdict on a parsed document: ``(Dataset | None, problems)``."""
    from explorer.model.checker import check_document as check

    return check(doc, file)


def check_conversion(conv: Conversion, report: ImportReport, partial: bool = True):
    """Check ``conv``; report its problems against the source file. Returns ``(Dataset | None, document)``:
    the Dataset of everything that passes (or, with ``partial`` false, only if everything does) and the
    document it was made from (what ``explorer import`` writes)."""
    doc = copy.deepcopy(conv.doc)
    origins = {k: list(v) for k, v in conv.origins.items()}
    work = Conversion(doc, origins, conv.file, conv.format, conv.source_text)
    for _ in range(_ROUNDS):
        dataset, problems = check_document(doc, conv.file)
        if not problems:
            if dataset is not None:
                report.counts = {"events": len(dataset.events), "places": len(dataset.places),
                                 "links": len(dataset.links)}
                report.opened = True
            return dataset, doc
        drop: dict[str, set[int]] = {}
        fatal = False
        located = [(p, work.origin(tuple(p.path))) for p in problems]
        wanted = [work.json_path(o, o.source_field(p.field)) for p, o in located if o is not None]
        lines = work.lines_of([w for w in wanted if w is not None])
        for problem, origin in located:
            _report(report, problem, origin, work, lines)
            target = _droppable(tuple(problem.path))
            if target is None:
                fatal = True
            else:
                drop.setdefault(target[0], set()).add(target[1])
        if fatal or not partial:
            return None, doc
        _drop(work, drop, report)
    return None, doc


def _report(report: ImportReport, problem, origin: Origin | None, work: Conversion, lines: dict) -> None:
    where = origin.where() if origin else {"line": problem.line}
    field = origin.source_field(problem.field) if origin else problem.field
    if origin is not None and origin.json_path is not None:
        where["line"] = lines.get(work.json_path(origin, field))
    item = None if origin and (origin.row or origin.path) else problem.item
    report.add(problem.message, ERROR, item=item, field=field, **where)


def _droppable(path: tuple) -> tuple[str, int] | None:
    if len(path) >= 2 and path[0] in _SECTIONS and isinstance(path[1], int):
        return path[0], path[1]
    if len(path) >= 3 and path[:2] == ("dataset", "eras") and isinstance(path[2], int):
        return "eras", path[2]
    return None


def _drop(work: Conversion, drop: dict[str, set[int]], report: ImportReport) -> None:
    """Leave out the items named, and what only made sense with them."""
    doc = work.doc
    gone_events = {doc["events"][i].get("id") for i in drop.get("events", ()) if i < len(doc["events"])}
    gone_places = {doc["places"][i].get("id") for i in drop.get("places", ()) if i < len(doc["places"])}
    lists = {"events": doc.get("events", []), "places": doc.get("places", []), "links": doc.get("links", []),
             "parties": doc.get("parties", []), "eras": doc.get("dataset", {}).get("eras", [])}
    for section, indices in drop.items():
        items, origins = lists[section], work.origins.get(section)
        for i in sorted(indices, reverse=True):
            if i < len(items):
                del items[i]
                if origins is not None and i < len(origins):
                    del origins[i]
    links, link_origins = lists["links"], work.origins.get("links", [])
    for i in range(len(links) - 1, -1, -1):
        link = links[i]
        if isinstance(link, dict) and (link.get("from") in gone_events or link.get("to") in gone_events):
            where = link_origins[i].where() if i < len(link_origins) else {}
            report.add(f"link {link.get('from')} → {link.get('to')} left out with its event", INFO, **where)
            del links[i]
            if i < len(link_origins):
                del link_origins[i]
    for event, origin in zip(lists["events"], work.origins.get("events", [])):
        if isinstance(event, dict) and event.get("place") in gone_places - {None}:
            report.add(f"event '{event.get('id')}' opens without a place (its place was left out), off the map",
                       INFO, **origin.where())
            del event["place"]
