"""Find where things are written in a JSON text: the line of a path, and keys written twice in one object.

Used only when a file has problems (or might repeat a key), so the fast parser serves the normal load.
One pass over the text, in a loop with its own stack (no recursion, whatever the nesting), in time linear
in the text and the number of paths asked for: values no path leads into are skipped by the C JSON
scanner, and line numbers are counted as the pass moves forward, never from the start again.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate, repeat
from dataclasses import dataclass, field

_WS = re.compile(r"[ \t\n\r]*")
_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_S = r"[ \t\n\r]*"
#: A string or a number, true, false or null.
_SIMPLE = re.compile(rf'{_STRING}|[^ \t\n\r{{}}\[\],:"]+', re.DOTALL)
# What comes after a value (or just inside an opening bracket): the closing bracket (group 1), or the next
# member with its key (group 2) and colon, or the next element. Each is one match, whitespace and all.
_NEXT_MEMBER = re.compile(rf"{_S}(?:([}}\]]){_S}|,{_S}({_STRING}){_S}:{_S})", re.DOTALL)
_FIRST_MEMBER = re.compile(rf"{_S}(?:([}}\]]){_S}|({_STRING}){_S}:{_S})", re.DOTALL)
_NEXT_ELEMENT = re.compile(rf"{_S}(?:([}}\]]){_S}|,{_S})")
_FIRST_ELEMENT = re.compile(rf"{_S}(?:([}}\]]){_S})?")
#: Everything up to the next bracket, strings included (brackets inside strings do not count).
_TO_BRACKET = re.compile(r'[^"\[\]{}]*(?:"[^"\\]*(?:\\.[^"\\]*)*"[^"\[\]{}]*)*', re.DOTALL)
_scan_value = json.JSONDecoder().scan_once
_NONE: frozenset = frozenset()
_NO_SPOTS: dict = {}
#: The compiled search for each key written plainly (``"date"`` then its colon), made once per key.
_KEY_SEARCH: dict[str, re.Pattern] = {}


@dataclass
class Scan:
    """What a pass found: the line of each path asked for, and every key written twice."""

    lines: dict[tuple, int] = field(default_factory=dict)
    #: (path of the repeated key, line of its second writing)
    duplicates: list[tuple[tuple, int]] = field(default_factory=list)


class _Lines:
    """Line numbers of increasing positions, each counted on from the last one."""

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line = text, 0, 1

    def at(self, pos: int) -> int:
        if pos > self.pos:
            self.line += self.text.count("\n", self.pos, pos)
            self.pos = pos
        return self.line


def _skip(text: str, pos: int) -> int:
    """The end of the JSON value starting at ``pos`` (valid JSON: the text parsed already)."""
    try:
        return _scan_value(text, pos)[1]
    except (RecursionError, ValueError, StopIteration):
        pass
    if text[pos] == "{" or text[pos] == "[":
        return _close(text, pos + 1)    # very deep or odd values: brackets counted, strings skipped whole
    return _SIMPLE.match(text, pos).end()


def _close(text: str, pos: int) -> int:
    """Just after the bracket that closes the object or list ``pos`` is inside (valid JSON): brackets
    counted, strings skipped whole by a regular expression (slower than the C scanner, but never recursive)."""
    depth = 1
    while True:
        pos = _TO_BRACKET.match(text, pos).end()
        if pos >= len(text):
            return pos
        depth += 1 if text[pos] in "[{" else -1
        pos += 1
        if depth <= 0:
            return pos


def scan(text: str, wanted=(), duplicates: bool = False) -> Scan:
    """One pass over ``text`` (valid JSON) finding the line of each path in ``wanted``.

    A path's line is where its key is written (or, for a list element, where the element starts); a path
    that is not in the text gets the line of the deepest part of it that is. With ``duplicates`` every
    object is read key by key and each key written twice is reported; otherwise only the objects and
    lists on the way to a wanted path are read, and every other value is skipped whole.
    """
    result = Scan()
    children: dict[tuple, set] = {}     # each path on the way to a wanted one -> its keys on the way
    for path in wanted:
        for cut in range(len(path), 0, -1):
            below = children.setdefault(path[:cut - 1], set())
            if path[cut - 1] in below:
                break
            below.add(path[cut - 1])
    # Objects below the top whose wanted parts are all their own members (an event's date, a source's url):
    # each is found by searching its text for the keys (see _own_keys), not by reading it member by member.
    flat = set() if duplicates else {path for path, keys in children.items() if len(path) >= 2 and all(
        type(key) is str and path + (key,) not in children for key in keys)}
    lines, found = _Lines(text), result.lines
    pos = _WS.match(text, 0).end()
    if pos >= len(text):
        return result
    # One frame per open container: [path, is an object, next index, keys seen or None, keys on the way,
    # how many of those are still to come, where it starts]
    stack: list[list] = []
    path: tuple | None = ()             # the path of the value at ``pos``, where it is needed
    on_the_way = bool(wanted)           # whether a wanted path is this value's or below it
    while True:
        # Note the value's line if a wanted path leads here; descend into it or skip it.
        if on_the_way and path not in found:
            found[path] = lines.at(pos)
        char = text[pos]
        opened = (char == "{" or char == "[") and (duplicates or on_the_way)
        spots = None
        if opened and char == "{" and path in flat:
            end = _skip(text, pos)
            spots = _own_keys(text, pos + 1, end, children[path])
        if spots is not None:
            for where, key in spots:
                found[path + (key,)] = lines.at(where)
            pos, opened = end, False
        elif opened:
            keys = children.get(path, _NONE) if on_the_way else _NONE
            stack.append([path, char == "{", 0, set() if duplicates and char == "{" else None, keys, len(keys),
                          pos])
            pos += 1
        elif char == "{" or char == "[":
            pos = _skip(text, pos)
        else:
            pos = _SIMPLE.match(text, pos).end()
        # Find where the next value starts: in the container just opened, after this one, or after the
        # containers that close here.
        while stack:
            frame = stack[-1]
            if not frame[5] and not duplicates and len(frame[0]) >= 2:
                # Nothing more is wanted in this part of an item (an event, its sources ...): skip to its end
                # (the C scanner reads it again from its start, quicker than member by member). The document
                # and its top-level lists, which can be most of the file, are read on member by member.
                pos = _skip(text, frame[6])
                stack.pop()
                opened = False
                continue
            if frame[1]:
                member = (_FIRST_MEMBER if opened else _NEXT_MEMBER).match(text, pos)
            else:
                member = (_FIRST_ELEMENT if opened else _NEXT_ELEMENT).match(text, pos)
            opened = False
            pos = member.end()
            if member.group(1) is not None:
                stack.pop()
                continue
            if frame[1]:
                token = member.group(2)
                key = json.loads(token) if "\\" in token else token[1:-1]
                where = member.start(2)     # a member's line is its key's
                if frame[3] is not None:
                    if key in frame[3]:
                        result.duplicates.append((frame[0] + (key,), lines.at(where)))
                    frame[3].add(key)
            else:
                key = frame[2]
                frame[2] += 1
                where = pos
            on_the_way = key in frame[4]
            if on_the_way:
                frame[5] -= 1
                path = frame[0] + (key,)
                if path not in found:
                    found[path] = lines.at(where)
            elif duplicates and (text[pos] == "{" or text[pos] == "["):
                path = frame[0] + (key,)    # read on into it for repeated keys
            break
        else:
            break
    _fill_missing(result, set(wanted) - set(found))
    return result


def _own_keys(text: str, start: int, end: int, keys) -> list[tuple[int, str]] | None:
    """Where each of ``keys`` is written as a member of the object whose text is ``text[start - 1:end]``, in
    the order written, as (position, key); None when one is not written plainly at its first level (absent,
    written with escapes, or only deeper down): the caller then reads the object member by member.

    A match of ``"key"`` followed by a colon is a key wherever it is not just after a backslash (an escaped
    quote inside a string): a real quote opens a string, and a closing one is never followed by letters
    in JSON. It is a member of this object, not of one inside it, when the brackets before it balance.
    """
    spots = []
    for key in keys:
        search = _KEY_SEARCH.get(key)
        if search is None:
            search = _KEY_SEARCH[key] = re.compile(re.escape(_quoted(key)) + _S + ":")
        at = start
        while True:
            match = search.search(text, at, end)
            if match is None:
                return None
            where = match.start()
            if text[where - 1] != "\\" and _at_first_level(text, start, where):
                spots.append((where, key))
                break
            at = match.end()
    spots.sort()
    return spots


def _at_first_level(text: str, start: int, where: int) -> bool:
    """Whether the position ``where`` (outside any string) is at the first level of the object whose members
    start at ``start``: no bracket opens before it, or (counted outside strings) those that do are closed."""
    if text.find("{", start, where) < 0 and text.find("[", start, where) < 0:
        return True
    depth, pos = 0, start
    while True:
        pos = _TO_BRACKET.match(text, pos, where).end()
        if pos >= where:
            return depth == 0
        depth += 1 if text[pos] in "[{" else -1
        pos += 1


def _fill_missing(result: Scan, missing: set[tuple]) -> None:
    """A path not in the text takes the line of its longest prefix that is."""
    for path in missing:
        for cut in range(len(path) - 1, -1, -1):
            line = result.lines.get(path[:cut])
            if line is not None:
                result.lines[path] = line
                break


#: An escape followed, before any other, by a quote and a colon: the last escape in a key written with one
#: (or a string holding ``\":``). Where there is none, every key that holds no quote is written as itself.
#: Each attempt stops at the next backslash or quote, so the search is linear; it starts at memchr speed.
_ESCAPE_IN_KEY = re.compile(rb'\\[^"\\]*"[ \t\n\r]*:')


def escape_in_key(data: bytes) -> bool:
    """Whether some key in this JSON text may be written with an escape in it (see key_lines)."""
    return _ESCAPE_IN_KEY.search(data) is not None


def key_lines(data: bytes, root, wanted, keys_escaped: bool | None = None) -> dict[tuple, int]:
    """The lines of the wanted paths that are a key of an element of a top-level list (``("events", 41,
    "date")``), without reading the text value by value: what the scan costs for the whole file when every
    event has a bad date, this costs for the keys alone. Paths it cannot vouch for are left out, for
    :func:`scan` to find.

    ``data`` is the text (as UTF-8, without a byte-order mark) that ``root`` was parsed from, with no key
    written twice in one object (the caller has ruled that out). Every writing of ``"key":`` not just after
    a backslash is that key of some object (see :func:`_own_keys`); when no key anywhere holds a backslash,
    these writings are, in order, every object's key of that name in the document's order. When the
    elements of the top-level lists hold the key only at their first level and the rest of the document as
    often as a walk of it counts, the writings follow the lists' elements one to one; otherwise that key
    is left to the scan. ``keys_escaped``: what :func:`escape_in_key` says of ``data``, where known.
    """
    if type(root) is not dict or not wanted:
        return {}
    if keys_escaped is None:
        keys_escaped = escape_in_key(data)
    if keys_escaped:
        return {}
    by_key: dict[str, list[tuple]] = {}
    for path in wanted:
        if (len(path) == 3 and type(path[2]) is str and type(path[1]) is int
                and type(root.get(path[0])) is list):
            by_key.setdefault(path[2], []).append(path)
    if not by_key:
        return {}
    # Every writing of each key, in order, with its key (one pass over the text for all of them).
    names = sorted(by_key, key=len, reverse=True)
    pattern = re.compile(b'"(' + b"|".join(re.escape(_written(k)) for k in names) + b')"' + _S.encode() + b":")
    writings: dict[str, list[int]] = {k: [] for k in names}
    if len(names) == 1:
        writings[names[0]] = [m.start() for m in pattern.finditer(data)]
    else:
        decoded = {_written(k): k for k in names}
        for match in pattern.finditer(data):
            writings[decoded[match.group(1)]].append(match.start())
    found: list[tuple[int, tuple]] = []
    for key, paths in by_key.items():
        # not just after a backslash: a key (a document's text starts with its bracket, so never at 0)
        spots = _writings_of(root, key, [at for at in writings[key] if data[at - 1] != 0x5C])
        if spots is None:
            continue
        for path in paths:
            spot = spots.get(path[0], _NO_SPOTS).get(path[1])
            if spot is not None:
                found.append((spot, path))
    found.sort()
    spots = [spot for spot, _path in found]
    # Each line counted on from the one before: the newlines between one spot and the next, added up.
    lines = accumulate(map(data.count, repeat(b"\n"), [0] + spots[:-1], spots), initial=1)
    next(lines)
    return dict(zip([path for _spot, path in found], lines))


def _quoted(key: str) -> str:
    """A key as JSON writes it, quotes and all (no escapes but the ones JSON needs)."""
    return json.dumps(key, ensure_ascii=False)


def _written(key: str) -> bytes:
    """A key's name as JSON writes it between its quotes, in UTF-8."""
    return _quoted(key)[1:-1].encode("utf-8", "surrogatepass")


def _writings_of(root: dict, key: str, writings: list[int]) -> dict[str, dict[int, int]] | None:
    """Where ``key`` of each element of each top-level list is written ({list: {index: position}}), given
    every writing of the key in order; None unless they can be matched one to one (see key_lines)."""
    out: dict[str, dict[int, int]] = {}
    taken = 0
    for name, value in root.items():
        if type(value) is list:
            having = [i for i, element in enumerate(value) if type(element) is dict and key in element]
            if not having:
                continue
            if taken + len(having) > len(writings):
                return None
            out[name] = dict(zip(having, writings[taken:taken + len(having)]))
            taken += len(having)
        else:
            taken += _count_key(value, key)
    # Equal counts: no element holds the key again deeper down (each writing is accounted for), so the
    # writings in the lists' stretch of the text are the elements' own, in order.
    return out if taken == len(writings) else None


def _count_key(value, key: str) -> int:
    """How many objects in ``value`` (and inside it, at any depth) have ``key``."""
    total, stack = 0, [value]
    while stack:
        node = stack.pop()
        if type(node) is dict:
            total += key in node
            stack.extend(v for v in node.values() if type(v) is dict or type(v) is list)
        elif type(node) is list:
            stack.extend(v for v in node if type(v) is dict or type(v) is list)
    return total
