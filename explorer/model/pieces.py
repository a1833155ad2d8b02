"""A big dataset file's long lists (events, links) parsed a piece at a time instead of all at once.

Parsed whole, a 120 MB file becomes one tree of every dict, list and string in it; the dataset keeps the
strings and drops the rest. The kept strings then sit scattered through the memory the tree took, and
Python's allocator can only give back memory with nothing left in it: at 100,000 events the tree's 400 MB
stay taken for a dataset that needs 200. Parsed and checked a piece of about a megabyte at a time, each
piece's tree is freed before the next one is made, the next reuses its memory, and what the dataset keeps
ends up packed together.

Where a list's pieces end is found without reading the whole text, by guessing and letting the parser
check each guess. A piece starts where an element starts, outside any string at the list's own level: the
first one right after the ``[``, each next one right after the comma that ends the previous piece. A text
that starts there and parses by itself as a sequence of values therefore ends where an element ends; a
guess that falls inside a string or inside an element does not parse. So the pieces are exactly the
list's elements, and the text between two pieces is a comma (checked). Whatever cannot be vouched for
this way (a list's key after a backslash, a first element that is not an object, more wrong guesses than
a few) raises :class:`NotInPieces`, and the caller parses the whole text. The caller also checks the rest
of the document (:func:`rest_of`): it must parse, and hold each list as ``[]`` at its top level.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import orjson

#: About this many bytes of a list are parsed at a time (a piece ends at the first element boundary after).
PIECE_BYTES = 1 << 20
#: Wrong guesses of where a piece ends tolerated in one list (each costs the parse of a piece).
WRONG_GUESSES = 8
_SPACE = b" \t\r\n"
_SPACE_RE = rb"[ \t\r\n]*"


class NotInPieces(Exception):
    """The text cannot be vouched for piece by piece: parse it whole."""


class LongList:
    """One top-level list of a JSON text, read as parsed pieces (``for piece in it``: lists of elements).

    Once iterated to the end, ``end`` is the offset just after the list's ``]``. Iterating raises
    NotInPieces where the list cannot be vouched for.
    """

    def __init__(self, data: bytes, opening: int) -> None:
        self.data, self.opening = data, opening
        self.end: int | None = None
        #: the text of the piece last given
        self.text = b""

    def __iter__(self) -> Iterator[list]:
        data = self.data
        start = _skip_space(data, self.opening + 1)
        if data[start:start + 1] == b"]":
            self.end = start + 1
            return
        if data[start:start + 1] != b"{":
            raise NotInPieces("the list's first element is not an object")
        # An element boundary: one object's end, a comma, and the next object's start written like the first
        # element's (``{"id":``), which nested objects (signatories, sources ...) are not.
        colon = data.find(b":", start)
        if colon < 0:
            raise NotInPieces("no key in the list's first element")
        opening = data[start:colon + 1]
        boundary = re.compile(rb"\}" + _SPACE_RE + b"," + _SPACE_RE + re.escape(opening))
        wrong = 0
        search_from = start + PIECE_BYTES
        while True:
            guess = boundary.search(data, search_from)
            end = guess.start() + 1 if guess is not None else len(data)
            parsed = _parsed(data, start, end)
            if type(parsed) is list:
                self.text = data[start:end]
                yield parsed
                start = guess.end() - len(opening)
                search_from = start + PIECE_BYTES
                continue
            if type(parsed) is int:
                # The list closes inside this stretch: its last piece is what comes before its ``]``.
                last = _parsed(data, start, parsed)
                if type(last) is not list:
                    raise NotInPieces("the list's last piece does not parse")
                self.end = parsed + 1
                self.text = data[start:parsed]
                yield last
                return
            wrong += 1
            if guess is None or wrong > WRONG_GUESSES:
                raise NotInPieces("too many wrong guesses of where a piece ends")
            search_from = guess.end()


def long_lists(data: bytes, names: tuple[str, ...]) -> dict[str, LongList]:
    """The lists ``names`` of the JSON text ``data`` to read in pieces: where each name is first written as
    a key. A name not written as a key is left out (the rest of the document has it, or not).

    That first key may be another than the top level's (a key written twice, a field no item has): the
    caller's checks then fail (the rest of the document does not hold the list as ``[]``, an item has an
    unknown field, fewer keys are parsed than written) and it parses the whole text. In a valid text a
    ``"name":`` not after a backslash is a key, never part of a string (a quote in a string follows a
    backslash). Raises NotInPieces where the key follows a backslash or holds something else than a list.
    """
    found = {}
    colon = re.compile(_SPACE_RE + b":" + _SPACE_RE)
    for name in names:
        quoted = b'"' + name.encode() + b'"'
        at = data.find(quoted)
        while at >= 0:
            key = colon.match(data, at + len(quoted))
            if key is not None:
                if data[at - 1:at] == b"\\" or data[key.end():key.end() + 1] != b"[":
                    raise NotInPieces(f"'{name}' is not a plain key holding a list")
                found[name] = LongList(data, key.end())
                break
            at = data.find(quoted, at + 1)
    return found


def rest_of(data: bytes, lists: dict[str, LongList]) -> bytes:
    """``data`` with each of ``lists`` (all read to their end) written as ``[]``."""
    out, at = [], 0
    for long_list in sorted(lists.values(), key=lambda found: found.opening):
        if long_list.end is None or long_list.opening < at:
            raise NotInPieces("a list was not read to its end")
        out += [data[at:long_list.opening], b"[]"]
        at = long_list.end
    out.append(data[at:])
    return b"".join(out)


def _skip_space(data: bytes, at: int) -> int:
    while at < len(data) and data[at] in _SPACE:
        at += 1
    return at


def _parsed(data: bytes, start: int, end: int) -> list | int | None:
    """``data[start:end]`` parsed as a sequence of values (a list); or, if the list it belongs to closes
    inside it, the offset of that ``]``; or None where it is not a list's text (a wrong guess)."""
    try:
        return orjson.loads(b"[" + data[start:end] + b"]")
    except orjson.JSONDecodeError as exc:
        if exc.msg != "unexpected content after document":
            return None
        after = exc.pos
    # ``pos`` counts the characters of the text parsed (which began with our ``[``) up to the first one
    # after the document: back over spaces to its ``]``, then to a byte offset.
    try:
        text = data[start:end].decode("utf-8")
    except UnicodeDecodeError:
        return None
    at = after - 2
    while 0 <= at < len(text) and text[at] in " \t\r\n":
        at -= 1
    if not 0 <= at < len(text) or text[at] != "]":
        return None
    return start + len(text[:at].encode("utf-8"))
