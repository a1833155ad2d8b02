"""The rules between items: unique ids and names, references that exist, renames and links without cycles.

They run after every item has been checked on its own (``checker.py``), on the items that passed, with the
raw document at hand for ids of items that failed (a reference to an item that is itself broken is not
reported twice). Every walk here is a loop over an explicit stack: a chain of 2,000 links or renames is
no deeper for Python than a chain of two.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from explorer.model.dataset import Event, Link, Party, Place
from explorer.model.relations import SYMMETRIC
from explorer.model.rule_types import BAD, show

#: A cycle longer than this is shown by its ends only.
_CHAIN_SHOWN = 8


@dataclass
class Model:
    """The items that passed every rule, ready for the Dataset."""

    places: dict[str, Place] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    party_table: dict[str, Party] = field(default_factory=dict)


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
                            (list_name, i, key), _name(built, raw, noun, key, i))
        seen.add(value)
    return seen


def _name(built, raw, noun: str, key: str, i: int) -> str:
    value = raw.get(key) if type(raw) is dict else None
    return f"{noun} '{show(value)}'" if type(value) is str and value.strip() else f"{noun} {i + 1}"


def check(checker, root: dict, values: dict) -> Model | None:
    """Apply the rules between items, recording problems in ``checker``; the items that passed."""
    model = Model()
    place_entries = _entries(root, values, "places")
    declared_places = _raw_ids(place_entries, "id", checker, "places", "place")
    for i, raw, place in place_entries:
        if place is not BAD and place.id not in model.places:
            model.places[place.id] = place

    party_entries = _entries(root, values, "parties")
    has_table = "parties" in root
    _raw_ids(party_entries, "name", checker, "parties", "party")
    for i, raw, party in party_entries:
        if party is not BAD and party.name not in model.party_table:
            model.party_table[party.name] = party
    _check_renames(checker, party_entries, model.party_table)

    event_entries = _entries(root, values, "events")
    declared_events = _raw_ids(event_entries, "id", checker, "events", "event")
    seen_events: set[str] = set()
    for i, raw, event in event_entries:
        if event is BAD or event.id in seen_events:
            continue
        seen_events.add(event.id)
        item = f"event '{event.id}'"
        if event.place_id is not None and event.place_id not in model.places:
            if event.place_id not in declared_places:      # a declared but broken place is reported already
                checker.problem(f"unknown place '{event.place_id}'", ("events", i, "place"), item)
            continue
        if has_table and not _parties_listed(checker, event, i, item, model.party_table):
            continue
        model.events.append(event)
    if has_table:
        for i, raw, place in place_entries:
            if place is not BAD and place.capital:
                where = ("capital_of",) if place.capital_of else ("country",)
                for j, party in enumerate(place.capital_of or (place.country,)):
                    if party not in model.party_table:
                        checker.problem(f"party '{show(party)}' is not in the parties table",
                                        ("places", i) + where + ((j,) if place.capital_of else ()),
                                        f"place '{place.id}'")

    model.links = _check_links(checker, _entries(root, values, "links"), declared_events,
                               {e.id for e in model.events})
    return model


def _parties_listed(checker, event: Event, i: int, item: str, table: dict[str, Party]) -> bool:
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


def _check_renames(checker, entries, table: dict[str, Party]) -> None:
    """``renamed_to`` names another listed party, and following renames never comes back."""
    index = {}
    for i, raw, party in entries:
        if party is BAD or party.name in index:
            continue
        index[party.name] = i
        item = f"party '{show(party.name)}'"
        if party.renamed_to == party.name:
            checker.problem("a party cannot be renamed to itself", ("parties", i, "renamed_to"), item)
        elif party.renamed_to is not None and party.renamed_to not in table:
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
        if type(raw) is not dict:
            continue
        item = _link_item(raw, i)
        for key in ("from", "to"):
            target = raw.get(key)
            if type(target) is str and target not in declared and (link is not BAD or _looks_like_id(target)):
                checker.problem(f"unknown event '{show(target)}'", ("links", i, key), item)
        if link is BAD:
            continue
        if link.source_id == link.target_id:
            checker.problem(f"an event cannot link to itself ('{link.relation}')", ("links", i, "to"), item)
            continue
        if link.source_id not in events or link.target_id not in events:
            continue          # an end is unknown (reported above) or an event that is itself broken
        key = (link.source_id, link.target_id, link.relation)
        if link.relation in SYMMETRIC:
            key = (*sorted(key[:2]), link.relation)
        if key in seen:
            checker.problem("duplicate link", ("links", i, "relation"), item)
            continue
        seen.add(key)
        links.append((i, link))
    _check_cycles(checker, links)
    return [link for _i, link in links]


def _looks_like_id(text: str) -> bool:
    from explorer.model.rule_types import Id, Invalid

    try:
        Id().check(text)
    except Invalid:
        return False
    return True


def _link_item(raw: dict, i: int) -> str:
    from explorer.model.rules import ITEM_NAMES

    return ITEM_NAMES["links"](raw, i)


def _chain(names: list[str]) -> str:
    shown = [show(n) for n in names]
    if len(shown) > _CHAIN_SHOWN:
        shown = shown[:3] + [f"… ({len(names) - 1} links) …"] + shown[-2:]
    return " → ".join(shown)


def _check_cycles(checker, links: list[tuple[int, Link]]) -> None:
    """Directed relations (all but the symmetric ones) must not loop back to where they started.

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
                loop = trail[depth_of[target]:] + [link]
                names = [l.source_id for l in loop] + [target]
                checker.problem(f"links form a cycle that makes no sense: {_chain(names)}", ("links", i, "relation"),
                                _link_item({"from": link.source_id, "to": link.target_id}, i))
            elif target not in state:
                state[target] = 1
                depth_of[target] = len(trail) + 1
                trail.append(link)
                stack.append((target, iter(graph.get(target, ()))))
