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
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_SCALAR = re.compile(r'[^ \t\n\r{}\[\],:"]+')
#: Everything up to the next bracket, strings included (brackets inside strings do not count).
_TO_BRACKET = re.compile(r'[^"\[\]{}]*(?:"[^"\\]*(?:\\.[^"\\]*)*"[^"\[\]{}]*)*', re.DOTALL)
_scan_value = json.JSONDecoder().scan_once


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
    depth = 0
    while True:                         # very deep or odd values: count brackets, strings skipped whole
        pos = _TO_BRACKET.match(text, pos).end()
        if pos >= len(text):
            return pos
        depth += 1 if text[pos] in "[{" else -1
        pos += 1
        if depth <= 0:
            return pos


def _key(token: str) -> str:
    return json.loads(token) if "\\" in token else token[1:-1]


def scan(text: str, wanted=(), duplicates: bool = False) -> Scan:
    """One pass over ``text`` (valid JSON) finding the line of each path in ``wanted``.

    A path's line is where its key is written (or, for a list element, where the element starts); a path
    that is not in the text gets the line of the deepest part of it that is. With ``duplicates`` every
    object is read key by key and each key written twice is reported; otherwise only the objects and
    lists on the way to a wanted path are read, and every other value is skipped whole.
    """
    result = Scan()
    prefixes = {path[:cut] for path in wanted for cut in range(len(path) + 1)}
    lines, found = _Lines(text), result.lines
    n = len(text)
    pos = _WS.match(text, 0).end()
    stack: list[list] = []              # [path, is an object, next index, keys seen or None]
    path: tuple = ()
    while pos < n:
        # The value at ``pos`` has path ``path``: note its line, then descend into it or skip it.
        if path in prefixes and path not in found:
            found[path] = lines.at(pos)
        char = text[pos]
        if char in "{[" and (duplicates or path in prefixes):
            stack.append([path, char == "{", 0, set() if duplicates and char == "{" else None])
            pos += 1
        elif char in "{[":
            pos = _skip(text, pos)
        elif char == '"':
            pos = _STRING.match(text, pos).end()
        else:
            pos = _SCALAR.match(text, pos).end()
        # Close what ends here; find where the next value starts, and its path.
        while stack:
            pos = _WS.match(text, pos).end()
            if pos >= n:
                break
            char = text[pos]
            if char in "}]":
                stack.pop()
                pos += 1
                continue
            if char == ",":
                pos = _WS.match(text, pos + 1).end()
            frame = stack[-1]
            if frame[1]:
                token = _STRING.match(text, pos)
                key = _key(token.group())
                path = frame[0] + (key,)
                if frame[3] is not None:
                    if key in frame[3]:
                        result.duplicates.append((path, lines.at(pos)))
                    frame[3].add(key)
                if path in prefixes and path not in found:
                    found[path] = lines.at(pos)          # a member's line is its key's
                pos = _WS.match(text, _WS.match(text, token.end()).end() + 1).end()   # past the ':'
            else:
                path = frame[0] + (frame[2],)
                frame[2] += 1
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
