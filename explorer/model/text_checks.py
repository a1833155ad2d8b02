"""Checks on the text of a dataset rather than its fields: characters no text may hold, keys written twice.

Both are cheap to rule out for a whole file and costly to do value by value, so each has a quick test on
the raw text first (:func:`may_hold_bad_characters`, :func:`may_repeat_keys`) and the full search only
when the quick test cannot rule the problem out. Every walk is a loop with its own stack.
"""

from __future__ import annotations

import re

from explorer.model.problems import Problem, field_name
from explorer.model.rule_types import BAD_CHARS

_BAD_CHAR = re.compile(f"[{BAD_CHARS}\ud800-\udfff]")
#: In JSON text, a bad character can only be written as one of these escapes (raw ones fail to parse),
#: or as a raw DEL; the parser refuses lone surrogates. ``\\b`` may also be an escaped backslash before
#: a b: then the full search finds nothing.
_BAD_ESCAPE = re.compile(rb"\\u00[01][0-9a-fA-F]|\\u007[fF]|\\[bf]|\x7f")
_SPACE_BEFORE_COLON = re.compile(rb'"[ \t\r\n]+:')


def may_hold_bad_characters(data: bytes) -> bool:
    """False when no string in this (parsed) JSON text can hold a control character or a lone surrogate."""
    return _BAD_ESCAPE.search(data) is not None


def may_repeat_keys(data: bytes, keys_parsed: int) -> bool:
    """False when no object in this JSON text has a key twice, given how many keys the parse kept.

    A parser keeps one value per key, so a repeated key shows as fewer keys parsed than written. Keys are
    written ``"key":``; ``":`` occurs nowhere else unless a string holds ``\\":`` or a key is followed by
    spaces before its colon, and in those cases this answers True (the caller then looks key by key).
    """
    if data.count(b'":') != keys_parsed:
        return True
    return b'\\":' in data or _SPACE_BEFORE_COLON.search(data) is not None


def count_keys(root) -> int:
    """How many keys all the objects in a parsed document have together."""
    total, stack = 0, [root]
    while stack:
        node = stack.pop()
        if type(node) is dict:
            total += len(node)
            stack.extend(v for v in node.values() if type(v) is dict or type(v) is list)
        elif type(node) is list:
            stack.extend(v for v in node if type(v) is dict or type(v) is list)
    return total


def bad_characters(root, file: str) -> list[Problem]:
    """A problem for every string (value or key) holding a control character or a lone surrogate."""
    from explorer.model.rules import item_name

    problems: list[Problem] = []

    def report(path: tuple, text: str, what: str) -> None:
        char = _BAD_CHAR.search(text).group()
        kind = "a lone surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
        problems.append(Problem(file, f"{what} holds {kind} (U+{ord(char):04X}), which cannot be shown as text",
                                None, item_name(root, path), field_name(path), path))

    if type(root) is str:
        if _BAD_CHAR.search(root):
            report((), root, "the text")
        return problems
    frames = [((), iter(root.items()) if type(root) is dict else enumerate(root))] \
        if type(root) in (dict, list) else []
    while frames:
        base, items = frames[-1]
        for key, value in items:
            kind = type(value)
            if type(key) is str and _BAD_CHAR.search(key):
                report(base + (key,), key, "the key")
            if kind is str:
                if _BAD_CHAR.search(value):
                    report(base + (key,), value, "the text")
            elif kind is dict:
                frames.append((base + (key,), iter(value.items())))
                break
            elif kind is list:
                frames.append((base + (key,), enumerate(value)))
                break
        else:
            frames.pop()
    return problems
