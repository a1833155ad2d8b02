"""Checks on the text of a dataset rather than its fields: characters no text may hold, keys written twice.

Both are cheap to rule out for a whole file and costly to do value by value, so each has a quick test on
the raw text first (:class:`TextFacts`: ``may_hold_bad_characters``, ``may_repeat_keys``) and the full search only
when the quick test cannot rule the problem out. Every walk is a loop with its own stack.

The quick tests are passes over the whole text (a second at 430 MB). :class:`TextFacts` holds their
findings for one text; for a big file, :func:`read_facts_beside` has a helper process read them off the
file on the second processor while this one parses and checks it (the loader and the opener do).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import weakref

from explorer.model.positions import escape_in_key
from explorer.model.problems import Problem, field_name
from explorer.model.rule_types import BAD_CHARS
from explorer.resources import helper_command

_BAD_CHAR = re.compile(f"[{BAD_CHARS}\ud800-\udfff]")
#: In JSON text, a bad character can only be written as one of these escapes (raw ones fail to parse),
#: or as a raw DEL; the parser refuses lone surrogates. Some also match harmless text (``\u000a`` is a
#: line feed, ``\\b`` may be an escaped backslash before a b): then the full search finds nothing.
#: (Patterns that start with a fixed character are searched at memchr speed.)
_BAD_ESCAPE = re.compile(rb"\\(?:u00[01]|u007[fF]|[bf])")
_ESCAPED_QUOTE_COLON = re.compile(rb'\\":')
_SPACE_BEFORE_COLON = re.compile(rb'"[ \t\r\n]+:')


#: Each finding of the quick tests, as read off a JSON text's bytes (without a byte-order mark).
FINDINGS = {
    "key_colons": lambda data: data.count(b'":'),
    "escaped_quote_colon": lambda data: _ESCAPED_QUOTE_COLON.search(data) is not None,
    "space_before_colon": lambda data: _SPACE_BEFORE_COLON.search(data) is not None,
    "bad_character_possible": lambda data: data.find(b"\x7f") >= 0 or _BAD_ESCAPE.search(data) is not None,
    "escape_in_key": escape_in_key,
}


class TextFacts:
    """The quick tests' findings on one text: each read when first asked for, or given (by the helper)."""

    def __init__(self, data: bytes, known: dict | None = None) -> None:
        self._data = data
        self._known = dict(known or {})

    def _get(self, name: str):
        if name not in self._known:
            self._known[name] = FINDINGS[name](self._data)
        return self._known[name]

    def may_repeat_keys(self, keys_parsed: int) -> bool:
        """False when no object in this JSON text has a key twice, given how many keys the parse kept.

        A parser keeps one value per key, so a repeated key shows as fewer keys parsed than written. Keys are
        written ``"key":``; ``":`` occurs nowhere else unless a string holds ``\\":`` or a key is followed by
        spaces before its colon, and in those cases this answers True (the caller then looks key by key).
        """
        return (self._get("key_colons") != keys_parsed or self._get("escaped_quote_colon")
                or self._get("space_before_colon"))

    def may_hold_bad_characters(self) -> bool:
        """False when no string in this (parsed) JSON text can hold a control character or a lone surrogate."""
        return self._get("bad_character_possible")

    def escape_in_key(self) -> bool:
        """Whether some key may be written with an escape in it (see ``positions.key_lines``)."""
        return self._get("escape_in_key")


#: From this size on, a file's findings are read by a helper process beside the parse: the helper starts in
#: about 80 ms, while this process parses and checks such a file for 250 ms or more (10,000 events, 15 MB);
#: below it, the findings cost this process a few milliseconds.
HELPER_FROM_BYTES = 8 * 2**20
#: How long the loader waits for the helper once it needs the findings, before reading them itself. The
#: helper's passes take a tenth of the parse and check it runs beside, so one not done by then is stuck or
#: starved, and reading the findings here takes under a second even at 430 MB.
HELPER_WAIT_S = 2.0


class FactsBeside:
    """A helper process reading a file's findings; :meth:`facts` gives them for the bytes this process read."""

    def __init__(self, path: str, stat: os.stat_result, process: subprocess.Popen) -> None:
        self.path, self.stat, self.process = path, stat, process
        self._facts: TextFacts | None = None
        weakref.finalize(self, _stop, process)

    def facts(self, data: bytes) -> TextFacts:
        """The findings for ``data`` (this process's read of the file): the helper's if it read the same
        file (same size, time and inode before and after both reads), else read here. Asked again, the same
        findings (the helper answers once)."""
        if self._facts is not None and self._facts._data is data:
            return self._facts
        known = None
        try:
            out, _err = self.process.communicate(timeout=HELPER_WAIT_S)
            answer = json.loads(out)
            now = _identity(os.stat(self.path))
            if (self.process.returncode == 0 and answer["before"] == answer["after"] == now
                    == _identity(self.stat) and answer["size"] == len(data)):
                known = {name: answer[name] for name in FINDINGS}
        except (OSError, ValueError, KeyError, TypeError, subprocess.SubprocessError):
            pass                            # no usable answer: read here
        finally:
            _stop(self.process)
        self._facts = TextFacts(data, known)
        return self._facts

    def cancel(self) -> None:
        _stop(self.process)


def read_facts_beside(path) -> FactsBeside | None:
    """Start a helper reading the findings of the file at ``path``, if it is big and a second processor is
    free for it; None otherwise (the findings are then read in this process, when needed)."""
    try:
        stat = os.stat(path)
        processors = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    except OSError:
        return None
    if stat.st_size < HELPER_FROM_BYTES or processors < 2:
        return None
    try:
        process = subprocess.Popen(helper_command(f"from {__name__} import _helper; _helper()", str(path)),
                                   stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return None
    return FactsBeside(str(path), stat, process)


def _identity(stat: os.stat_result) -> list:
    return [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns]


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def _helper() -> None:
    """The helper process: read the file named in argv, write its findings as one JSON object."""
    path = sys.argv[1]
    before = _identity(os.stat(path))
    with open(path, "rb") as file:
        data = file.read()
    after = _identity(os.stat(path))
    size = len(data)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        size -= 3
    answer = {name: find(data) for name, find in FINDINGS.items()}
    answer.update(before=before, after=after, size=size)
    sys.stdout.write(json.dumps(answer))
    sys.stdout.flush()
    os._exit(0)         # the file's bytes need not be freed one by one


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
