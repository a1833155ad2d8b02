"""Rendered page templates and page data kept between runs, so a start needs neither folium and its
rendering nor, for a dataset opened before, building its page data again.

A template is keyed by everything it is made from: the page options, the package version and the size and
modification time of every file that goes into the page (our scripts, Leaflet, the base map, this package's
page code). Page data is keyed by its dataset's file as it was when read and by the code that reads it and
makes the data (``page_data.page_data_key``), and carries a digest of itself: an entry that does not match
it is not used. Any change gives a new key; old entries are pruned. A cache that cannot be read or written
is only a slower start, never an error (``explorer/disk_cache.py``: the folder, the keys and the digests).
"""

from __future__ import annotations

from explorer.disk_cache import cache_dir, cache_key, read_entry, store, write_entry

__all__ = ["cache_dir", "cache_key", "clear_memory", "get", "get_data", "put", "put_data"]

KEEP = 12                 # templates kept on disk (one per dataset and page kind in use)
KEEP_DATA = 4             # page data kept on disk (one per dataset: 12 MB at 100,000 events)
_memory: dict[str, str] = {}


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
    store(cache_dir(), f"{key}.html", KEEP, lambda path: write_text_atomic(path, text), "the map page")


def get_data(key: str) -> bytes | None:
    """The page data stored under ``key`` on disk, or None (also when it does not match its digest)."""
    return read_entry(f"{key}.bin")


def put_data(key: str, data: bytes) -> None:
    """Keep page data under ``key`` on disk where possible (atomically, with its digest; old entries pruned)."""
    write_entry(f"{key}.bin", data, KEEP_DATA, "page data")


def clear_memory() -> None:
    """Forget the templates held in memory (tests; the disk cache stays)."""
    _memory.clear()
