"""The app's cache folder on disk: entries kept between runs, each keyed by everything it is made from, so
that a start need not do again what an earlier one did (the page template, a dataset's page data, a big
dataset checked already). Any change of what an entry is made from gives a new key, old entries are
pruned, and an entry whose bytes do not match the digest kept before them is not used. A cache that cannot
be read or written is only a slower start, never an error.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

_DIGEST = 16              # bytes of BLAKE2b before the data of an entry
#: What is made from a file changed less than this many seconds before is not cached: on a file system whose
#: times are coarse (whole or even seconds), a second change of the same length within that time would leave
#: size and time alike, and the old entry would be served for the new text (git's "racy" rule).
RACY_S = 3.0


def cache_dir() -> Path | None:
    """Where entries live: ``$EXPLORER_CACHE_DIR``, else ``$XDG_CACHE_HOME/treaty-explorer/pages``;
    None when ``EXPLORER_CACHE_DIR`` is set empty (no disk cache)."""
    explicit = os.environ.get("EXPLORER_CACHE_DIR")
    if explicit is not None:
        return Path(explicit) if explicit else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "treaty-explorer" / "pages"


def cache_key(parts: list[str], files: list[Path]) -> str:
    """A digest of ``parts`` (text) and of each file's path, size and modification time."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    for path in files:
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:32]


def settled(mtime_ns: int) -> bool:
    """Whether a file last changed at ``mtime_ns`` may have what is made from it cached (``RACY_S``)."""
    return time.time() - mtime_ns / 1e9 > RACY_S


def read_entry(name: str) -> bytes | None:
    """The bytes kept under ``name`` (``KEY.SUFFIX``), or None: no cache, no such entry, or one that does not
    match its digest (logged)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        entry = (folder / name).read_bytes()
    except OSError:
        return None
    data = memoryview(entry)[_DIGEST:]
    if entry[:_DIGEST] != hashlib.blake2b(data, digest_size=_DIGEST).digest():
        log.warning("an entry in the cache does not match its digest: made again (%s)", name)
        return None
    return bytes(data)


def write_entry(name: str, data: bytes, keep: int, what: str) -> None:
    """Keep ``data`` under ``name`` (``KEY.SUFFIX``) with its digest, atomically, where there is a cache; of
    the entries with that suffix only the ``keep`` newest stay."""
    from explorer.safe_write import write_bytes_atomic

    digest = hashlib.blake2b(data, digest_size=_DIGEST).digest()
    store(cache_dir(), name, keep, lambda path: write_bytes_atomic(path, digest + data), what)


def store(folder: Path | None, name: str, keep: int, write: Callable[[Path], None], what: str) -> None:
    """Write ``name`` in ``folder`` with ``write`` and prune the entries of its kind beyond the ``keep`` newest."""
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write(folder / name)
        entries = sorted(folder.glob("*" + Path(name).suffix), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[keep:]:
            old.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("cannot keep %s in the cache %s: %s", what, folder, exc)
