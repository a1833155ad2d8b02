"""Load a dataset file and check it, reporting every problem with file, line, item and field.

The public functions:

- :func:`load_dataset` (path) -> Dataset, or DatasetError listing every problem;
- :func:`validate_file` (path) -> the problems (empty when the file is fine);
- :func:`check_text` (text, file name) -> (Dataset or None, problems), for text in hand;
- :func:`check_document` (dict, file name) -> (Dataset or None, problems), for a document already parsed
  or converted from another format by an importer; problems carry ``path`` but no ``line``.

A file is parsed once by orjson (fast, strict: no NaN, no lone surrogates, no nesting beyond 1024) and
checked by the rules (``rules.py``). Only a file with problems is read a second time, to put line numbers
on them (``positions.py``): the keys of items from their writings in the bytes (``key_lines``), the rest by
one forward scan of the text. Keys written twice are ruled out by counting (``text_checks.py``, for a big
file in a helper process beside the parse) and searched key by key only when counting cannot rule them
out. The cyclic garbage collector is paused while the many small objects of a large file are built (it
would otherwise walk them again and again, for nothing: they hold no cycles).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson

from explorer.model import pieces, text_checks
from explorer.model.collector import collector_paused, give_back_memory
from explorer.model.checker import Checker, check_document, check_in_pieces, check_root
from explorer.model.dataset import Dataset
from explorer.model.positions import key_lines, scan
from explorer.model.problems import DatasetError, Problem, field_name
from explorer.model.rules import item_name

__all__ = ["DatasetError", "Problem", "check_document", "check_text", "load_dataset", "validate_file"]

_BOM = b"\xef\xbb\xbf"


#: From this size of file on, a loaded dataset is frozen out of the collector's passes for good.
FREEZE_FROM_BYTES = 8 * 2**20
#: From this size of file on, its long lists are parsed a piece at a time (``pieces.py``: a dataset packed
#: in half the memory); a smaller file is parsed whole. Pieces cost time: the memory each piece frees is
#: used again by the next, which is slower than fresh memory. On the 2-core VM, 4 December: at 10,000 events
#: (12 MB) 47 MB RSS after the load instead of 71, but 280-300 ms instead of 220-270; at 100,000 (121 MB)
#: 217 MB instead of 504, 2.5-2.8 s instead of 2.35-2.5. Under this size the whole tree is not worth the
#: time saved.
PIECES_FROM_BYTES = 32 * 2**20
#: The top-level lists read in pieces: the ones a file has by the ten thousand.
PIECEWISE_LISTS = ("events", "links")


@contextmanager
def building_dataset(size: int = 0, collect: bool = True) -> Iterator[None]:
    """Pause the cyclic garbage collector while a dataset is built (reference counting frees as usual).

    Then the objects built are taken out of the collector's young passes (``gc.freeze`` and ``gc.unfreeze``
    together move them to the oldest generation): they live as long as the dataset, and otherwise the first
    young collection after the load walks every one of them (0.9 s at 100,000 events). A big file's
    dataset (``size`` from ``FREEZE_FROM_BYTES``) is frozen for good instead: the first full collection
    after a load would walk it all too (1.5–2 s at 100,000 events, at a random moment of the start), and
    reference counting frees frozen objects all the same. A full collection first, while the heap is
    small, so that garbage already waiting is freed rather than frozen with it. If something else in the
    process keeps objects frozen (the window does, once its first page is up), unfreezing would let those
    go too: then the new dataset is frozen beside them. (``collect`` False: the caller collected already,
    before it parsed the text.)
    """
    big = size >= FREEZE_FROM_BYTES
    if big and collect:
        gc.collect()
    with collector_paused():
        try:
            yield
        finally:
            if big or gc.get_freeze_count():
                gc.freeze()
            else:
                gc.freeze()
                gc.unfreeze()
            if big:
                give_back_memory()        # the parse's free pages (``collector.give_back_memory``)


def check_text(text: str | None, file: str, root=None, data: bytes | None = None,
               beside: text_checks.FactsBeside | None = None) -> tuple[Dataset | None, list[Problem]]:
    """Parse and check a dataset given as text (or as its UTF-8 bytes, ``data``); return the dataset (or
    None) and every problem. ``root``: the text parsed already (by orjson, freshly, and by nobody else), so
    that a large file is parsed once. ``beside``: the helper reading the text's findings, if one was started
    (``text_checks.read_facts_beside``)."""
    try:
        data = text.encode("utf-8") if data is None else data      # ``data``: the bytes ``text`` came from
    except UnicodeEncodeError as exc:
        return None, [Problem(file, f"the text holds a lone surrogate (U+{ord(text[exc.start]):04X}), "
                                    f"which is not text", text.count("\n", 0, exc.start) + 1)]
    return _check_bytes(data, file, text, root, beside)


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
    beside = text_checks.read_facts_beside(path)
    try:
        data, stamp = read_stamped(path)
    except FileNotFoundError:
        return None, [Problem(file, "file not found")]
    except OSError as exc:
        return None, [Problem(file, f"cannot read the file: {exc.strerror or exc}")]
    dataset, problems = _check_bytes(data, file, beside=beside)
    if dataset is not None:
        dataset.file_stamp = stamp
    return dataset, problems


def read_stamped(path: str | Path) -> tuple[bytes, tuple[str, int, int]]:
    """A file's bytes and its stamp (``Dataset.file_stamp``: absolute path, size, modification time in ns)
    taken before the read, so that a change while reading gives a later time. OSError as reading raises it."""
    with open(path, "rb") as stream:
        stat = os.fstat(stream.fileno())
        return stream.read(), (os.path.abspath(path), stat.st_size, stat.st_mtime_ns)


def _check_bytes(data: bytes, file: str, text: str | None = None, parsed=None,
                 beside: text_checks.FactsBeside | None = None) -> tuple[Dataset | None, list[Problem]]:
    """Parse, check, look for repeated keys and bad characters, and put lines on the problems."""
    if data.startswith(_BOM):
        data = data[len(_BOM):]
        text = text[1:] if text is not None else None
    facts = None
    if parsed is None:
        dataset, facts = read_in_pieces(data, file, beside)
        if dataset is not None:
            return dataset, []
    with building_dataset(len(data), collect=parsed is None):
        try:
            root = orjson.loads(data) if parsed is None else parsed
        except orjson.JSONDecodeError as exc:
            if beside is not None:
                beside.cancel()
            return None, [_parse_problem(exc, data, file)]
        checker = Checker(file)
        if type(root) is dict:
            dataset = check_root(checker, root)
        else:
            dataset, checker.problems = check_document(root, file)
    problems = checker.problems
    if facts is None:
        facts = _facts(data, beside)
    repeated = facts.may_repeat_keys(checker.keys_seen) and facts.may_repeat_keys(text_checks.count_keys(root))
    if facts.may_hold_bad_characters():
        problems.extend(text_checks.bad_characters(root, file))
    if not problems and not repeated:
        return dataset, []
    paths = [p.path for p in problems]
    # The keys of items (an event's date ...) from their writings in the text; the rest by a scan.
    lines = {} if repeated else key_lines(data, root, paths, facts.escape_in_key())
    rest = [path for path in paths if path not in lines] if lines else paths
    twice = []
    if rest or repeated:
        if text is None:
            text = data.decode("utf-8")       # orjson has checked it is UTF-8
        found = scan(text, rest, duplicates=repeated)
        lines.update(found.lines)
        twice = [Problem(file, "this key is written twice in one object (only one of its values would count)",
                         line, item_name(root, path), field_name(path), path) for path, line in found.duplicates]
    # The problems were made by this check and nobody holds them yet: each gets its line in place (making
    # 100,000 of them again took a fifth of a second).
    set_line = object.__setattr__
    for problem in problems:
        set_line(problem, "line", lines.get(problem.path))
    problems.extend(twice)
    return (None, problems) if problems else (dataset, [])


def read_in_pieces(data: bytes, file: str, beside: text_checks.FactsBeside | None = None
                   ) -> tuple[Dataset | None, text_checks.TextFacts | None]:
    """A big file's dataset read with its long lists parsed and checked a piece at a time (``pieces.py``),
    and the text's findings, which that needs (the helper's, read after the pieces, while it ran beside).

    ``(dataset, facts)`` if the file is a valid dataset that can be read so. ``(None, facts)`` if the pieces
    were read but a key may be written twice, ``(None, None)`` if they could not be read or were not tried (a
    file under ``PIECES_FROM_BYTES`` or with a byte-order mark): then parse and check it whole, which reports
    what is wrong, if anything. Nothing is reported either way. The findings are asked for only where the
    pieces were read: another format (TimelineJS has ``events`` too) does not wait for the helper.
    """
    if len(data) < PIECES_FROM_BYTES or data.startswith(_BOM):
        return None, None
    with building_dataset(len(data)):
        found = _checked_in_pieces(data, file)
    if found is None:
        return None, None
    facts = _facts(data, beside)
    return (None, facts) if facts.may_repeat_keys(found[1].keys_seen) else (found[0], facts)


def _facts(data: bytes, beside: text_checks.FactsBeside | None) -> text_checks.TextFacts:
    """The text's findings: the helper's (``beside``) where one was started, else read here when asked."""
    return beside.facts(data) if beside is not None else text_checks.TextFacts(data)


def _checked_in_pieces(data: bytes, file: str) -> tuple[Dataset, Checker] | None:
    """The dataset and its checker, with the long lists parsed and checked a piece at a time (``pieces.py``),
    if the file is valid and can be read so; else None, and the caller parses and checks it whole (which
    reports). Repeated keys are for the caller to rule out (``checker.keys_seen``)."""
    might_hold_bad = text_checks.FINDINGS["bad_character_possible"]

    def vetted(parsed, text: bytes):
        if might_hold_bad(text) and text_checks.bad_characters(parsed, file):
            raise pieces.NotInPieces("a text holds a character no text may hold")
        return parsed

    def read(long_list: pieces.LongList) -> Iterator[list]:
        for piece in long_list:
            yield vetted(piece, long_list.text)

    def read_rest():
        rest = pieces.rest_of(data, lists)
        return vetted(orjson.loads(rest), rest)

    checker = Checker(file)
    try:
        lists = pieces.long_lists(data, PIECEWISE_LISTS)
        if not lists:
            return None
        dataset = check_in_pieces(checker, {name: read(found) for name, found in lists.items()}, read_rest)
    except (pieces.NotInPieces, orjson.JSONDecodeError):
        return None
    return None if dataset is None else (dataset, checker)


def _parse_problem(exc: orjson.JSONDecodeError, data: bytes, file: str) -> Problem:
    """The parser's complaint in words, at its line and column."""
    message = exc.msg
    if "UTF-8" in message and "BOM" not in message:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:
            line = data.count(b"\n", 0, bad.start) + 1
            column = bad.start - (data.rfind(b"\n", 0, bad.start) + 1) + 1
            return Problem(file, f"cannot read the file: it is not UTF-8 (byte 0x{data[bad.start]:02x} "
                                 f"at column {column})", line)
    if "depth limit" in message:
        message = "nested more than 1024 levels deep"
    elif "infinity" in message:
        message = "a number too large to be a number (over 1.8e308)"
    return Problem(file, f"not valid JSON: {message} (column {exc.colno})", exc.lineno)
