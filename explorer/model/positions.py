"""Find where things are written in a JSON text: the line of a path, and keys written twice in one object.

Used only when a file has problems (or might repeat a key), so the fast parser serves the normal load.
One pass over the text, in a loop with its own stack (no recursion, whatever the nesting), in time linear
in the text and the number of paths asked for: values no path leads into are skipped by the C JSON
scanner, and line numbers are counted as the pass moves forward, never from the start again.
"""

from __future__ import annotations

import json
import re
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
        if opened:
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


def _fill_missing(result: Scan, missing: set[tuple]) -> None:
    """A path not in the text takes the line of its longest prefix that is."""
    for path in missing:
        for cut in range(len(path) - 1, -1, -1):
            line = result.lines.get(path[:cut])
            if line is not None:
                result.lines[path] = line
                break
