"""Rendered page templates and page data kept between runs, so a start needs neither folium and its
rendering nor, for a dataset opened before, building its page data again.

A template is keyed by everything it is made from: the page options, the package version and the size and
modification time of every file that goes into the page (our scripts, Leaflet, the base map, this package's
page code). Page data is keyed by its dataset's file as it was when read and by the code that reads it and
makes the data (``page_data.page_data_key``), and carries a digest of itself: an entry that does not match
it is not used. Any change gives a new key; old entries are pruned. A cache that cannot be read or written
is only a slower start, never an error.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

KEEP = 12                 # templates kept on disk (one per dataset and page kind in use)
KEEP_DATA = 4             # page data kept on disk (one per dataset: 12 MB at 100,000 events)
_DIGEST = 16              # bytes of BLAKE2b before the data of an entry
_memory: dict[str, str] = {}


def cache_dir() -> Path | None:
    """Where templates live: ``$EXPLORER_CACHE_DIR``, else ``$XDG_CACHE_HOME/treaty-explorer/pages``;
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


def get(key: str) -> str | None:
    """The template stored under ``key`` (memory first, then disk), or None."""
    if key in _memory:
        return _memory[key]
    folder = cache_dir()
    if folder is None:
        return None
    try:
        text = (folder / f"{key}.html").read_text(encoding="utf-8")
    except OSError:
        return None
    _memory[key] = text
    return text


def put(key: str, text: str) -> None:
    """Keep ``text`` under ``key`` in memory and, where possible, on disk (atomically; old entries pruned)."""
    from explorer.safe_write import write_text_atomic

    if len(_memory) >= 4:
        _memory.pop(next(iter(_memory)))
    _memory[key] = text
    _store(cache_dir(), f"{key}.html", KEEP, lambda path: write_text_atomic(path, text), "the map page")


def _store(folder: Path | None, name: str, keep: int, write: Callable[[Path], None], what: str) -> None:
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


def get_data(key: str) -> bytes | None:
    """The page data stored under ``key`` on disk, or None (also when it does not match its digest)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        entry = (folder / f"{key}.bin").read_bytes()
    except OSError:
        return None
    data = memoryview(entry)[_DIGEST:]
    if entry[:_DIGEST] != hashlib.blake2b(data, digest_size=_DIGEST).digest():
        log.warning("page data in the cache does not match its digest: made again (%s)", key)
        return None
    return bytes(data)


def put_data(key: str, data: bytes) -> None:
    """Keep page data under ``key`` on disk where possible (atomically, with its digest; old entries pruned)."""
    from explorer.safe_write import write_bytes_atomic

    digest = hashlib.blake2b(data, digest_size=_DIGEST).digest()
    _store(cache_dir(), f"{key}.bin", KEEP_DATA, lambda path: write_bytes_atomic(path, digest + data), "page data")


def clear_memory() -> None:
    """Forget the templates held in memory (tests; the disk cache stays)."""
    _memory.clear()
