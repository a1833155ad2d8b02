"""The rules between items: unique ids and names, references that exist, renames and links without cycles.

They run after every item has been checked on its own (``checker.py``), on the items that passed, with the
raw document at hand for ids of items that failed (a reference to an item that is itself broken is not
reported twice). Every walk here is a loop over an explicit stack: a chain of 2,000 links or renames is
no deeper for Python than a chain of two.

As for the items, a quick check comes first (:func:`quick`: sets and ``map`` over whole columns, for a
dataset where every item passed) and the careful one, which says what is wrong, only if it is unsure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter, eq, lt, or_

from explorer.model.dataset import Event, Link, Party, Place, in_event_order
from explorer.model.relations import SYMMETRIC
from explorer.model.rule_structures import BAD
from explorer.model.rule_types import ID_RE, show

#: A cycle longer than this is shown by its ends only.
_CHAIN_SHOWN = 8


@dataclass
class Model:
    """The items that passed every rule, ready for the Dataset."""

    places: dict[str, Place] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    party_table: dict[str, Party] = field(default_factory=dict)
    events_in_order: bool = False


def _entries(root: dict, values: dict, key: str) -> list[tuple[int, object, object]]:
    """(index, raw element, built object or BAD) for a top-level list that was a list."""
    raw, built = root.get(key), values.get(key)
    if type(raw) is not list or type(built) is not list:
        return []
    return list(zip(range(len(raw)), raw, built))


def _raw_ids(entries, key: str, checker, list_name: str, noun: str) -> set[str]:
    """Every string id written in a list; a repeated one is a problem at its second use."""
    seen: set[str] = set()
    for i, raw, built in entries:
        value = raw.get(key) if type(raw) is dict else None
        if type(value) is not str:
            continue
        if value in seen:
            checker.problem(f"duplicate {noun} '{show(value)}'" if noun == "party" else f"duplicate {noun} id",
                            (list_name, i, key), _name(raw, noun, key, i))
        seen.add(value)
    return seen


def _name(raw, noun: str, key: str, i: int) -> str:
    value = raw.get(key) if type(raw) is dict else None
    return f"{noun} '{show(value)}'" if type(value) is str and value.strip() else f"{noun} {i + 1}"


def quick(values: dict) -> Model | None:
    """The model when every item passed and a few set operations show every rule between them holds.

    None when unsure (something failed, or might): then the careful check runs and reports.
    """
    places, events, links = values.get("places"), values.get("events"), values.get("links", [])
    parties = values.get("parties", [])
    if any(type(x) is not list or BAD in x for x in (places, events, links, parties)):
        return None
    place_ids = list(map(attrgetter("id"), places))
    event_ids = list(map(attrgetter("id"), events))
    if len(set(place_ids)) != len(place_ids) or len(set(event_ids)) != len(event_ids):
        return None
    referenced = set(map(attrgetter("place_id"), events))
    referenced.discard(None)
    if not referenced <= set(place_ids):
        return None
    table = {p.name: p for p in parties}
    if "parties" in values:             # a table given (even an empty one): every party named is in it
        named = set(chain.from_iterable(map(attrgetter("parties"), events)))
        named.update(s.party for e in events for s in e.signatories if s.party is not None)
        named.update(chain.from_iterable(p.capital_of or (p.country,) for p in places if p.capital))
        renamed = {p.renamed_to for p in parties if p.renamed_to is not None}
        if len(table) != len(parties) or not (named | renamed) <= table.keys() or any(
                p.renamed_to == p.name for p in parties) or _renames_loop(table):
            return None
    events = in_event_order(events)
    rank = dict(zip(map(attrgetter("id"), events), range(len(events))))     # each event's place in time
    relations = list(map(attrgetter("relation"), links))
    try:
        starts = list(map(rank.__getitem__, map(attrgetter("source_id"), links)))
        ends = list(map(rank.__getitem__, map(attrgetter("target_id"), links)))
    except KeyError:                    # a link to an unknown event
        return None
    if any(map(eq, starts, ends)) or len(set(zip(starts, ends, relations))) != len(links):
        return None
    symmetric = [frozenset(pair) for pair, r in zip(zip(starts, ends), relations) if r in SYMMETRIC]
    if len(set(symmetric)) != len(symmetric):
        return None
    # A loop must run back in time somewhere: links that all run forward (or are symmetric) make none.
    if (not all(map(or_, map(lt, starts, ends), map(SYMMETRIC.__contains__, relations)))
            and _has_cycle(list(enumerate(links)))):
        return None
    return Model(dict(zip(place_ids, places)), events, links, table, events_in_order=True)


def _renames_loop(table: dict[str, Party]) -> bool:
    """Whether following ``renamed_to`` from some party comes back to it."""
    done: set[str] = set()
    for start in table:
        chain_, name = set(), start
        while name is not None and name in table and name not in done:
            if name in chain_:
                return True
            chain_.add(name)
            name = table[name].renamed_to
        done |= chain_
    return False


def check(checker, root: dict, values: dict) -> Model:
    """Apply the rules between items, recording problems in ``checker``; the items that passed."""
    if checker.fast:
        model = quick(values)
        if model is not None:
            return model
    model = Model()
    place_entries = _entries(root, values, "places")
    declared_places = _raw_ids(place_entries, "id", checker, "places", "place")
    places = model.places
    for i, raw, place in place_entries:
        if place is not BAD and place.id not in places:
            places[place.id] = place

    party_entries = _entries(root, values, "parties")
    # A table that is not a list is reported already; and a party it lists, even if broken, is listed.
    has_table = type(root.get("parties")) is list
    listed = _raw_ids(party_entries, "name", checker, "parties", "party")
    for i, raw, party in party_entries:
        if party is not BAD and party.name not in model.party_table:
            model.party_table[party.name] = party
    _check_renames(checker, party_entries, model.party_table, listed)

    event_entries = _entries(root, values, "events")
    declared_events = _raw_ids(event_entries, "id", checker, "events", "event")
    events = model.events
    seen_events: set[str] = set()
    for i, raw, event in event_entries:
        if event is BAD or event.id in seen_events:
            continue
        seen_events.add(event.id)
        place_id = event.place_id
        if place_id is not None and place_id not in places:
            if place_id not in declared_places:      # a declared but broken place is reported already
                checker.problem(f"unknown place '{place_id}'", ("events", i, "place"), f"event '{event.id}'")
            continue
        if has_table and not _parties_listed(checker, event, i, f"event '{event.id}'", listed):
            continue
        events.append(event)
    if has_table:
        _capitals_listed(checker, place_entries, listed)
    model.links = _check_links(checker, _entries(root, values, "links"), declared_events, seen_events)
    return model


def _capitals_listed(checker, place_entries, table: set[str]) -> None:
    """The parties a capital stands for (its ``capital_of``, else its country) are in the parties table."""
    for i, raw, place in place_entries:
        if place is BAD or not place.capital:
            continue
        for j, party in enumerate(place.capital_of or (place.country,)):
            if party not in table:
                where = ("capital_of", j) if place.capital_of else ("country",)
                checker.problem(f"party '{show(party)}' is not in the parties table", ("places", i) + where,
                                f"place '{place.id}'")


def _parties_listed(checker, event: Event, i: int, item: str, table: set[str]) -> bool:
    """Every party the event and its signatories name is in the parties table."""
    ok = True
    for j, party in enumerate(event.parties):
        if party not in table:
            checker.problem(f"party '{show(party)}' is not in the parties table", ("events", i, "parties", j), item)
            ok = False
    for k, person in enumerate(event.signatories):
        if person.party is not None and person.party not in table:
            checker.problem(f"party '{show(person.party)}' is not in the parties table",
                            ("events", i, "signatories", k, "party"), item)
            ok = False
    return ok


def _check_renames(checker, entries, table: dict[str, Party], listed: set[str]) -> None:
    """``renamed_to`` names another listed party, and following renames never comes back."""
    index = {}
    for i, raw, party in entries:
        if party is BAD or party.name in index:
            continue
        index[party.name] = i
        item = f"party '{show(party.name)}'"
        if party.renamed_to == party.name:
            checker.problem("a party cannot be renamed to itself", ("parties", i, "renamed_to"), item)
        elif party.renamed_to is not None and party.renamed_to not in listed:
            checker.problem(f"renamed to '{show(party.renamed_to)}', which is not in the parties table",
                            ("parties", i, "renamed_to"), item)
    state: dict[str, int] = {}          # 1: on the chain being followed, 2: done
    for start in table:
        chain, name = [], start
        while name is not None and name in table and name not in state:
            state[name] = 1
            chain.append(name)
            name = table[name].renamed_to
        if name is not None and state.get(name) == 1 and name != chain[-1]:
            loop = chain[chain.index(name):] + [name]
            checker.problem(f"renames go round in a circle: {_chain(loop)}",
                            ("parties", index[chain[-1]], "renamed_to"), f"party '{show(chain[-1])}'")
        for visited in chain:
            state[visited] = 2


def _check_links(checker, entries, declared: set[str], events: set[str]) -> list[Link]:
    """Link ends exist, no event links to itself, no link is there twice, directed links make no cycle."""
    links: list[tuple[int, Link]] = []
    seen: set[tuple] = set()
    for i, raw, link in entries:
        if link is BAD:
            if type(raw) is dict:          # its own fields are wrong; still say if an end is unknown
                for key in ("from", "to"):
                    target = raw.get(key)
                    if type(target) is str and _looks_like_id(target) and target not in declared:
                        checker.problem(f"unknown event '{show(target)}'", ("links", i, key), (_link_name, raw, i))
            continue
        source, target, relation = link.source_id, link.target_id, link.relation
        if source not in declared or target not in declared:
            for key, end in (("from", source), ("to", target)):
                if end not in declared:
                    checker.problem(f"unknown event '{end}'", ("links", i, key), (_link_name, raw, i))
            continue
        if source == target:
            checker.problem(f"an event cannot link to itself ('{relation}')", ("links", i, "to"),
                            (_link_name, raw, i))
            continue
        if source not in events or target not in events:
            continue          # an end is an event that is itself broken (reported already)
        key = (source, target, relation) if relation not in SYMMETRIC or source < target else (target, source, relation)
        if key in seen:
            checker.problem("duplicate link", ("links", i, "relation"), (_link_name, raw, i))
            continue
        seen.add(key)
        links.append((i, link))
    if _has_cycle(links):
        _report_cycles(checker, links)
    return [link for _i, link in links]


def _has_cycle(links: list[tuple[int, Link]]) -> bool:
    """Whether the directed links loop anywhere (Kahn's algorithm: peel off events nothing points to)."""
    indegree: dict[str, int] = {}
    out: dict[str, list[str]] = {}
    for _i, link in links:
        if link.relation in SYMMETRIC:
            continue
        out.setdefault(link.source_id, []).append(link.target_id)
        indegree[link.target_id] = indegree.get(link.target_id, 0) + 1
        indegree.setdefault(link.source_id, 0)
    ready = [node for node, n in indegree.items() if n == 0]
    removed = 0
    while ready:
        node = ready.pop()
        removed += 1
        for target in out.get(node, ()):
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return removed < len(indegree)


def _looks_like_id(text: str) -> bool:
    return ID_RE.fullmatch(text) is not None


def _link_name(raw: dict, i: int) -> str:
    from explorer.model.rules import ITEM_NAMES

    return ITEM_NAMES["links"](raw, i)


def _chain(names: list[str]) -> str:
    shown = [show(n) for n in names]
    if len(shown) > _CHAIN_SHOWN:
        shown = shown[:3] + [f"… ({len(names) - 1} links) …"] + shown[-2:]
    return " → ".join(shown)


def _report_cycles(checker, links: list[tuple[int, Link]]) -> None:
    """Report the loops of the directed relations (all but the symmetric ones).

    A depth-first walk with its own stack; each link that closes a loop is reported once, with the loop.
    """
    graph: dict[str, list[tuple[int, Link]]] = {}
    for i, link in links:
        if link.relation not in SYMMETRIC:
            graph.setdefault(link.source_id, []).append((i, link))
    state: dict[str, int] = {}            # 1: on the current path, 2: finished
    for root in sorted(graph):
        if root in state:
            continue
        state[root] = 1
        trail: list[Link] = []            # links from the root to the node on top of the stack
        depth_of: dict[str, int] = {root: 0}
        stack = [(root, iter(graph.get(root, ())))]
        while stack:
            node, edges = stack[-1]
            step = next(edges, None)
            if step is None:
                stack.pop()
                state[node] = 2
                if trail:
                    trail.pop()
                continue
            i, link = step
            target = link.target_id
            if state.get(target) == 1:
                # The loop is the trail from ``target`` on, closed by this link; only its ends are shown,
                # so that each loop costs the same however long it is.
                start = depth_of[target]
                length = len(trail) - start + 1
                shown = trail[start:start + _CHAIN_SHOWN] + [link] if length > _CHAIN_SHOWN else trail[start:] + [link]
                names = [l.source_id for l in shown] + [target]
                if length > _CHAIN_SHOWN:
                    names = names[:3] + [f"… ({length} links) …"] + [link.source_id, target]
                checker.problem(f"links form a cycle that makes no sense: {' → '.join(map(show, names))}",
                                ("links", i, "relation"), _link_name({"from": link.source_id, "to": target}, i))
            elif target not in state:
                state[target] = 1
                depth_of[target] = len(trail) + 1
                trail.append(link)
                stack.append((target, iter(graph.get(target, ()))))
